'use client';

import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useWords } from '../i18n/useWords';
import { graphLabels } from './labels';
import { useCallback, useMemo } from 'react';
import type { NodeKind } from '@/lib/wire/kinds';
import {
  query as queryString,
  useDrawnAt,
  useLiveDrawn,
  useLiveSummary,
  useNamespaces,
  useProblems,
} from '../data/hooks';
import { downloadPng, downloadSvg } from './exportGraph';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import { useUrlNavigate } from '../ui/urlState';
import { useUrlParam } from '../ui/useUrlParam';
import { GRAPH_KINDS, parseKinds, searchGraph } from '@/lib/wire/filter';
import { GraphCanvas } from './GraphCanvas';
import { GraphLegend } from './GraphLegend';
import { GraphSvg } from './GraphSvg';
import { GraphToolbar, type Show } from './GraphToolbar';
import { NodeDetails } from './NodeDetails';
import { TimeControl } from './TimeControl';
import { useLayout } from './useLayout';
import { useZoomCamera } from './useZoomCamera';
import { withBase } from '@/lib/basepath';
import { useBasePath } from '../ui/basePath';

const CANVAS_THRESHOLD = 1500;

/** While the view shows the past, the app stays connected (the indicator, the way back to live). */
function StayConnected() {
  useLiveSummary();
  return null;
}

/** `/topology`: everything as one live, layered graph, with search, filters and a details panel. URL holds the state. */
export function TopologyView() {
  const params = useSearchParams();
  const base = useBasePath();
  const namespaces = useNamespaces();
  const navigate = useUrlNavigate();
  const ns = params.get('namespace') ?? undefined;
  const selected = params.get('select');
  const [query, setQuery] = useUrlParam('q', 300);
  const [kindsParam, setKinds] = useUrlParam('kinds');
  const kinds = useMemo(() => parseKinds(kindsParam), [kindsParam]);
  const health = params.get('health');
  const problemId = params.get('problem');
  const problemsOnly = health === 'problems';
  const show: Show = problemId
    ? { what: 'problem', id: problemId }
    : problemsOnly
      ? { what: 'unhealthy' }
      : { what: 'all' };
  // The server filters and groups: a 20,000-pod cluster arrives as the few thousand nodes drawn.
  const serverKinds = useMemo<NodeKind[] | undefined>(
    () => (kinds.size === GRAPH_KINDS.length ? undefined : GRAPH_KINDS.filter((k) => kinds.has(k))),
    [kinds],
  );
  // No kind chosen draws nothing; the server is not asked for an empty list.
  const noKinds = serverKinds?.length === 0;
  // `at`: the graph as the history recorded it then (no stream while not live).
  const at = params.get('at');
  const live = useLiveDrawn(ns, noKinds ? undefined : serverKinds, problemsOnly, at !== null);
  const past = useDrawnAt(ns, noKinds ? undefined : serverKinds, problemsOnly, at);
  const { data, error, isPending } = at !== null ? past : live;
  // Problems are live: not asked for while showing the past.
  const problems = useProblems(ns, at === null).data?.problems;

  /** Selection changes push history (the back button returns to the previous node). */
  const setParam = useCallback(
    (k: string, v: string | null) =>
      navigate((next) => {
        if (v === null || v === '') next.delete(k);
        else next.set(k, v);
      }),
    [navigate],
  );

  const drawn = useMemo(
    () => (data && noKinds ? { ...data, nodes: [], edges: [], grouped: 0 } : data),
    [data, noKinds],
  );
  const layoutInput = useMemo(() => ({ nodes: drawn?.nodes ?? [], edges: drawn?.edges ?? [] }), [drawn]);
  const { layout, current: layoutCurrent } = useLayout(layoutInput);
  const problem = problemId ? problems?.find((p) => p.id === problemId) : undefined;
  const matches = useMemo(() => {
    const found = drawn ? searchGraph(drawn.nodes, query) : null;
    if (!problem) return found;
    // Only what is drawn: a class no claim here reaches, or pods inside a group, are not counted.
    const drawnIds = new Set(drawn?.nodes.map((n) => n.id));
    const involved = new Set([problem.cause, ...problem.affected].filter((id) => drawnIds.has(id)));
    return found ? new Set([...found].filter((id) => involved.has(id))) : involved;
  }, [query, drawn, problem]);
  const { setBoxEl, transform, fit } = useZoomCamera(layout, layoutCurrent, selected);
  const t = useTranslations('topology');
  const tw = useTranslations('what');
  const words = useWords();
  const labels = useMemo(() => graphLabels(words), [words]);

  const time = (
    <>
      {at && <StayConnected />}
      <TimeControl at={at} namespace={ns} onAt={(t) => setParam('at', t)} />
    </>
  );
  if (isPending)
    return (
      <>
        {time}
        <Loading what={tw('topology')} />
      </>
    );
  if (error || !data || !drawn)
    return (
      <>
        {time}
        <ErrorPanel error={error} />
      </>
    );
  const selectedNode = drawn.nodes.find((n) => n.id === selected);
  const Renderer = drawn.nodes.length > CANVAS_THRESHOLD ? GraphCanvas : GraphSvg;
  // The revision is the time of the last change the graph took in (ms): said as a time.
  const when = at
    ? t('at', { time: words.dateTime(at) })
    : data.revision > 0
      ? t('asOf', { time: words.clock(new Date(data.revision).toISOString()) })
      : t('live');
  const summary = t('summary', {
    nodes: drawn.nodes.length,
    grouped: drawn.grouped ? drawn.grouped : 'absent',
    edges: drawn.edges.length,
    matches: matches ? matches.size : 'absent',
    inProblem: String(!!problem),
    when,
  });

  return (
    <div
      className={at ? 'topology past' : 'topology'}
      onKeyDown={(e) => e.key === 'Escape' && setParam('select', null)}
    >
      {time}
      <GraphToolbar
        query={query}
        onQuery={setQuery}
        onSearchEnter={() => matches && matches.size > 0 && setParam('select', [...matches][0])}
        kinds={kinds}
        onKinds={(next) => setKinds(next.size === GRAPH_KINDS.length ? '' : [...next].join(','))}
        show={show}
        problems={at === null ? problems : undefined}
        onShow={(next) =>
          navigate((q) => {
            q.delete('health');
            q.delete('problem');
            if (next.what === 'unhealthy') q.set('health', 'problems');
            // One problem: its cause selected, so the panel says why and the camera brings it in.
            const p = next.what === 'problem' ? problems?.find((x) => x.id === next.id) : undefined;
            if (p) {
              q.set('problem', p.id);
              q.set('select', p.cause);
            }
          })
        }
        onFit={fit}
        summary={summary}
        jsonHref={withBase(
          base,
          `/api/v1/topology${queryString({ namespace: ns, kinds: serverKinds?.join(','), at: at ?? undefined })}`,
        )}
        svg={Renderer === GraphSvg}
        onExport={(format) => {
          const el = document.querySelector<HTMLElement>('.graph');
          const name = `ordinal-topology${ns ? `-${ns}` : ''}${at ? `-${at.replace(/[:.]/g, '')}` : ''}.${format}`;
          const svg = el?.querySelector('svg');
          if (format === 'svg' && svg) downloadSvg(svg, name);
          else if (el) void downloadPng(el, name);
        }}
      />
      <div className="graph-area">
        <div className="graph" ref={setBoxEl} data-renderer={Renderer === GraphCanvas ? 'canvas' : 'svg'}>
          {drawn.nodes.length === 0 ? (
            <Empty>
              {ns && namespaces && !namespaces.includes(ns)
                ? t('noNamespace', { namespace: ns })
                : serverKinds || problemsOnly
                  ? t('noMatch')
                  : t('empty', { namespace: ns ?? 'absent' })}
            </Empty>
          ) : layout ? (
            <Renderer
              nodes={drawn.nodes}
              edges={drawn.edges}
              layout={layout}
              transform={transform}
              selected={selected}
              matches={matches}
              onSelect={(id) => setParam('select', id)}
              labels={labels}
            />
          ) : (
            <Loading what={tw('layout')} />
          )}
        </div>
        {selectedNode && (
          <NodeDetails
            node={selectedNode}
            edges={drawn.edges}
            onSelect={(id) => setParam('select', id)}
            onClose={() => setParam('select', null)}
            at={at}
          />
        )}
      </div>
      <GraphLegend />
    </div>
  );
}
