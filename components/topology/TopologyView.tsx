'use client';

import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Health, NodeKind } from '@/lib/wire/topology';
import { useLiveTopology } from '../data/hooks';
import { Legend } from '../ui/StatusBadge';
import { NamespaceSelect } from '../ui/NamespaceSelect';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import { GraphCanvas } from './GraphCanvas';
import { GraphSvg } from './GraphSvg';
import { groupLarge } from './group';
import { NODE_H, NODE_W } from './layout';
import { NodeDetails } from './NodeDetails';
import { useLayout } from './useLayout';
import { fitAll, initialView, MIN_K } from './viewport';
import { useUrlParam } from '../ui/useUrlParam';

const KINDS: NodeKind[] = ['Service', 'EndpointSlice', 'StatefulSet', 'Pod', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'];
const CANVAS_THRESHOLD = 1500;
const GROUP = { maxNodes: 3000, minGroup: 25 };

/** `/topology`: everything as one live, layered graph, with search, filters and a details panel. */
export function TopologyView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const ns = params.get('namespace') ?? undefined;
  const selected = params.get('select');
  const [query, setQuery] = useUrlParam('q', 300);
  const [kindsParam, setKinds] = useUrlParam('kinds');
  const kinds = useMemo(() => new Set((kindsParam || KINDS.join(',')).split(',')), [kindsParam]);
  const [health, setHealth] = useUrlParam('health');
  const problemsOnly = health === 'problems';
  const { data, error, isPending } = useLiveTopology(ns);

  /** Selection changes push history (the back button returns to the previous node). */
  const setParam = useCallback(
    (k: string, v: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
      router.push(`${pathname}${next.size ? `?${next}` : ''}`, { scroll: false });
    },
    [params, pathname, router],
  );

  const drawn = useMemo(() => {
    if (!data) return undefined;
    const bad = new Set<Health>(['error', 'warning', 'progressing']);
    let nodes = data.nodes.filter((n) => kinds.has(n.kind));
    if (problemsOnly) {
      // Problems and their direct neighbours, so a problem keeps its context.
      const hot = new Set(nodes.filter((n) => bad.has(n.status)).map((n) => n.id));
      for (const e of data.edges) if (hot.has(e.source) || hot.has(e.target)) hot.add(e.source).add(e.target);
      nodes = nodes.filter((n) => hot.has(n.id));
    }
    const ids = new Set(nodes.map((n) => n.id));
    const edges = data.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    return groupLarge(nodes, edges, GROUP);
  }, [data, kinds, problemsOnly]);

  const layoutInput = useMemo(() => ({ nodes: drawn?.nodes ?? [], edges: drawn?.edges ?? [] }), [drawn]);
  const { layout, current: layoutCurrent } = useLayout(layoutInput);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q || !drawn) return null;
    return new Set(drawn.nodes.filter((n) => `${n.namespace ?? ''}/${n.name} ${n.kind}`.toLowerCase().includes(q)).map((n) => n.id));
  }, [query, drawn]);

  // The graph box appears only once data has loaded: zoom attaches when the element does.
  const [boxEl, setBoxEl] = useState<HTMLDivElement | null>(null);
  const zoomer = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const [transform, setTransform] = useState({ x: 40, y: 40, k: 1 });
  const fitted = useRef(false);
  useEffect(() => {
    if (!boxEl) return;
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([MIN_K, 3])
      .filter((ev: Event) => ev.type !== 'dblclick')
      .on('zoom', (ev) => setTransform({ x: ev.transform.x, y: ev.transform.y, k: ev.transform.k }));
    zoomer.current = z;
    select(boxEl).call(z);
    fitted.current = false;
    return () => {
      select(boxEl).on('.zoom', null);
    };
  }, [boxEl]);
  const moveTo = useCallback(
    (v: { x: number; y: number; k: number }) => {
      if (boxEl && zoomer.current) select(boxEl).call(zoomer.current.transform, zoomIdentity.translate(v.x, v.y).scale(v.k));
    },
    [boxEl],
  );
  const fit = useCallback(() => {
    if (boxEl && layout) moveTo(fitAll(boxEl.getBoundingClientRect(), layout));
  }, [layout, boxEl, moveTo]);
  const focusNode = useCallback(
    (id: string) => {
      const p = layout?.positions[id];
      if (!p || !boxEl || !zoomer.current) return;
      const { width, height } = boxEl.getBoundingClientRect();
      const k = Math.max(transform.k, 0.8);
      moveTo({ x: width / 2 - (p.x + NODE_W / 2) * k, y: height / 2 - (p.y + NODE_H / 2) * k, k });
    },
    [layout, transform.k, boxEl, moveTo],
  );
  useEffect(() => {
    if (layout && layoutCurrent && zoomer.current && !fitted.current) {
      fitted.current = true;
      if (selected && layout.positions[selected]) focusNode(selected);
      else if (boxEl) moveTo(initialView(boxEl.getBoundingClientRect(), layout));
    }
    // Once per mounted graph; later layouts keep the user's view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, layoutCurrent, boxEl]);
  useEffect(() => {
    if (selected && layout?.positions[selected]) focusNode(selected);
    // Only when the selection changes, not on every layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, !!layout]);

  if (isPending) return <Loading what="the topology" />;
  if (error || !data || !drawn) return <ErrorPanel error={error} />;
  const selectedNode = drawn.nodes.find((n) => n.id === selected);
  const Renderer = drawn.nodes.length > CANVAS_THRESHOLD ? GraphCanvas : GraphSvg;

  return (
    <div className="topology" onKeyDown={(e) => e.key === 'Escape' && setParam('select', null)}>
      <div className="toolbar" role="toolbar" aria-label="Graph controls">
        <NamespaceSelect />
        <label className="field">
          <span>Search</span>
          <input type="search" value={query} placeholder="name or kind" onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && matches && matches.size > 0 && setParam('select', [...matches][0])} />
        </label>
        <fieldset className="kinds">
          <legend>Kinds</legend>
          {KINDS.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={kinds.has(k)}
                onChange={(e) => {
                  const next = new Set(kinds);
                  if (e.target.checked) next.add(k);
                  else next.delete(k);
                  setKinds(next.size === KINDS.length ? '' : [...next].join(','));
                }}
              />
              {k}
            </label>
          ))}
        </fieldset>
        <label className="field inline">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setHealth(e.target.checked ? 'problems' : '')} />
          <span>Problems only</span>
        </label>
        <button type="button" onClick={fit}>
          Fit
        </button>
        <span className="muted" role="status">
          {drawn.nodes.length} nodes{drawn.grouped ? ` (${drawn.grouped} grouped)` : ''} · {drawn.edges.length} edges{matches ? ` · ${matches.size} match` : ''} · revision {data.revision}
        </span>
      </div>
      <div className="graph-area">
        <div className="graph" ref={setBoxEl} data-renderer={Renderer === GraphCanvas ? 'canvas' : 'svg'}>
          {drawn.nodes.length === 0 ? (
            <Empty>{data.nodes.length === 0 ? `No stateful objects${ns ? ` in namespace ${ns}` : ''} yet.` : 'No object matches these filters.'}</Empty>
          ) : layout ? <Renderer nodes={drawn.nodes} edges={drawn.edges} layout={layout} transform={transform} selected={selected} matches={matches} onSelect={(id) => setParam('select', id)} /> : <Loading what="the layout" />}
        </div>
        {selectedNode && <NodeDetails node={selectedNode} edges={drawn.edges} onSelect={(id) => setParam('select', id)} onClose={() => setParam('select', null)} />}
      </div>
      <footer className="graph-legend">
        <Legend />
        <ul className="legend edges-legend" aria-label="Edge legend">
          <li>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" className="edge" />
            </svg>
            relation
          </li>
          <li>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" className="edge edge-drift" />
            </svg>
            stale config (drift)
          </li>
        </ul>
        <span className="muted">Drag to pan, scroll to zoom, Tab to move between nodes, Enter to select, Esc to clear.</span>
      </footer>
    </div>
  );
}
