'use client';

import Link from '@/components/ui/Link';
import { useSearchParams } from 'next/navigation';
import { parseNodeId, type NodeKind } from '@/lib/wire/kinds';
import { useMemo } from 'react';
import type { Drift, DriftReport } from '@/lib/wire/topology';
import { useDrift, useLiveTopology } from '../data/hooks';
import { RelativeTime } from '../ui/RelativeTime';
import { Paged } from '../ui/ShowMore';
import { StatusBadge } from '../ui/StatusBadge';
import { useUrlNavigate } from '../ui/urlState';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import { ConfigDiff } from './ConfigDiff';
import { linkForId } from '../links';
import { Name } from '@/components/ui/Name';
import { CopyCommands } from '../ui/CopyCommands';
import { kubectlForId } from '@/lib/kubectl';

/** Sources a page at a time, drifted first. */
function SourcesTable({ sources, selected, onSelect }: { sources: DriftReport['sources']; selected: string | null; onSelect: (source: string) => void }) {
  return (
    <Paged items={sources} what="sources" keep={(s) => s.source === selected}>
      {(shown) => (
        <table>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Consumers</th>
              <th scope="col">Last changed</th>
              <th scope="col">Live vs last-applied</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.source} data-node-id={s.source} data-status={s.drifted ? 'warning' : 'ok'} className={selected === s.source ? 'selected' : undefined}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => onSelect(s.source)}>
                    <SourceName id={s.source} />
                  </button>
                </th>
                <td>{s.drifted ? <StatusBadge status="warning" label={`${s.drifted} stale pod${s.drifted > 1 ? 's' : ''}`} /> : <StatusBadge status="ok" label="in sync" />}</td>
                <td>{s.consumers}</td>
                <td>
                  {s.changed ? <RelativeTime iso={s.changed} /> : '—'} {s.changedBy && <span className="muted">by <Name value={s.changedBy} max={26} /></span>}
                </td>
                <td>{s.lastAppliedDiff === null ? <span className="muted">n/a</span> : s.lastAppliedDiff.length ? <span className="tag warn">differs: {s.lastAppliedDiff.join(', ')}</span> : 'same'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Paged>
  );
}

/** A ConfigMap or Secret id as kind, then namespace/name. */
function SourceName({ id }: { id: string }) {
  const ref = parseNodeId(id);
  if (!ref) return <span className="mono">{id}</span>;
  return (
    <>
      <span className="kind">{ref.kind}</span> <Name value={`${ref.namespace ?? ''}/${ref.name}`} max={40} />
    </>
  );
}

const SOURCE_KINDS: NodeKind[] = ['ConfigMap', 'Secret'];

/** `/drift`: ConfigMaps and Secrets → consuming pods, stale ones highlighted, with mode, since when and the diff. */
export function DriftView() {
  const params = useSearchParams();
  const navigate = useUrlNavigate();
  const ns = params.get('namespace') ?? undefined;
  const selected = params.get('source');
  // Only to hear of changes (the report is refetched after them): the sources' nodes carry their stale-pod counts.
  useLiveTopology(ns, SOURCE_KINDS);
  const { data, error, isPending } = useDrift(ns);
  const bySource = useMemo(() => {
    const m = new Map<string, Drift[]>();
    for (const f of data?.findings ?? []) (m.get(f.source) ?? m.set(f.source, []).get(f.source))?.push(f);
    return m;
  }, [data]);
  if (isPending) return <Loading what="config drift" />;
  if (error || !data) return <ErrorPanel error={error} />;
  const select = (source: string) => navigate((next) => next.set('source', source));
  const sources = [...data.sources].sort((a, b) => b.drifted - a.drifted || (b.lastAppliedDiff?.length ?? 0) - (a.lastAppliedDiff?.length ?? 0) || a.source.localeCompare(b.source));
  return (
    <div className="drift">
      <section className="panel" aria-labelledby="sources-h">
        <h2 id="sources-h">ConfigMaps and Secrets</h2>
        {sources.length === 0 ? (
          <Empty>No ConfigMaps or Secrets{ns ? ` in ${ns}` : ''}.</Empty>
        ) : (
          <SourcesTable sources={sources} selected={selected} onSelect={select} />
        )}
      </section>
      {selected && (
        <section className="panel" aria-labelledby="stale-h">
          <h2 id="stale-h">
            <span className="mono">{selected}</span> → pods
          </h2>
          {(bySource.get(selected) ?? []).length === 0 ? (
            <Empty>No pod runs an older version of this source.</Empty>
          ) : (
            <StalePods findings={bySource.get(selected) ?? []} />
          )}
          <ConfigDiff source={selected} podStarted={(bySource.get(selected) ?? []).map((f) => f.podStarted).sort()[0]} />
          <CopyCommands commands={kubectlForId(selected)} folded />
        </section>
      )}
    </div>
  );
}

/** One row per pod, with every way it consumes the source; what each way means, said once above. */
function StalePods({ findings }: { findings: Drift[] }) {
  const byPod = new Map<string, Drift[]>();
  for (const f of findings) (byPod.get(f.pod) ?? byPod.set(f.pod, []).get(f.pod))?.push(f);
  const meanings = [...new Map(findings.map((f) => [f.consumption, f.reason])).entries()];
  return (
    <>
      <ul className="meanings" aria-label="What it means">
        {meanings.map(([mode, reason]) => (
          <li key={mode}>
            <span className="tag">{mode}</span> {reason}
          </li>
        ))}
      </ul>
      <table className="findings">
        <thead>
          <tr>
            <th scope="col">Pod</th>
            <th scope="col">Consumed as</th>
            <th scope="col">Pod started</th>
            <th scope="col">Stale since</th>
            <th scope="col">Source last changed</th>
            <th scope="col">Keys changed</th>
          </tr>
        </thead>
        <tbody>
          {[...byPod.entries()].map(([pod, fs]) => {
            const f = fs[0];
            const keys = [...new Set(fs.flatMap((x) => x.keys ?? []))].sort();
            const from = fs.find((x) => x.keysFrom)?.keysFrom;
            return (
              <tr key={pod} data-drift="stale" data-node-id={`Pod/${pod}`} data-status="warning">
                <td>
                  <Link href={linkForId(`Pod/${pod}`)}>
                    <Name value={pod} max={40} />
                  </Link>
                </td>
                <td>
                  {fs.map((x) => (
                    <span key={x.consumption} className="tag">
                      {x.consumption}
                    </span>
                  ))}
                </td>
                <td>
                  <RelativeTime iso={f.podStarted} />
                </td>
                <td data-stale-since={f.staleSince?.time}>
                  {f.staleSince ? (
                    <Link href={`/history?object=${encodeURIComponent(f.source)}&revision=${f.staleSince.entry}`} title={f.staleSince.observed ? f.staleSince.time : `unobserved: between ${f.staleSince.window?.from ?? 'the start'} and ${f.staleSince.window?.to}`}>
                      <RelativeTime iso={f.staleSince.time} />
                      {!f.staleSince.observed && ' (about)'}
                    </Link>
                  ) : (
                    <span className="muted">not in the history</span>
                  )}
                </td>
                <td>
                  <RelativeTime iso={f.sourceChanged} />
                </td>
                <td className="mono" data-keys={keys.join(',')}>
                  {keys.length ? keys.join(', ') : <span className="muted">not seen (changed before Ordinal watched)</span>}
                  {keys.length > 0 && from === 'watched' && <span className="muted"> — and earlier changes not seen</span>}
                  {keys.length > 0 && from === 'lastApplied' && <span className="muted"> (live vs last-applied)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
