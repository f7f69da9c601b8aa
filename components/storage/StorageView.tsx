'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo } from 'react';
import { nodesOf, type GraphNode, type NodeKind, type NodeOf, type Topology } from '@/lib/wire/topology';
import { useLiveTopology } from '../data/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import { Paged } from '../ui/ShowMore';
import { Empty, ErrorPanel, Loading } from '../ui/States';

const STORAGE_KINDS: NodeKind[] = ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'];

interface Chain {
  claim: NodeOf<'PersistentVolumeClaim'>;
  volume?: NodeOf<'PersistentVolume'>;
  cls?: NodeOf<'StorageClass'>;
}

function chains(t: Topology): { rows: Chain[]; loose: NodeOf<'PersistentVolume'>[] } {
  const volumes = new Map(nodesOf(t.nodes, 'PersistentVolume').map((n) => [n.id, n]));
  const classes = new Map(nodesOf(t.nodes, 'StorageClass').map((n) => [n.id, n]));
  const bound = new Map(t.edges.filter((e) => e.kind === 'binds').map((e) => [e.source, e.target]));
  const classOf = new Map<string, string>();
  for (const e of t.edges) if (e.kind === 'provisions') classOf.set(e.target, e.source);
  const rows: Chain[] = nodesOf(t.nodes, 'PersistentVolumeClaim')
    .map((claim) => {
      const volume = volumes.get(bound.get(claim.id) ?? '');
      const cls = classes.get(classOf.get(volume?.id ?? '') ?? classOf.get(claim.id) ?? '');
      return { claim, volume, cls };
    })
    .sort((a, b) => (a.claim.status === 'ok' ? 1 : 0) - (b.claim.status === 'ok' ? 1 : 0) || a.claim.id.localeCompare(b.claim.id));
  const used = new Set(rows.map((r) => r.volume?.id));
  const loose = [...volumes.values()].filter((n) => !used.has(n.id));
  return { rows, loose };
}

function Cell({ n, selected, children }: { n?: GraphNode; selected?: string | null; children?: React.ReactNode }) {
  if (!n) return <td className="muted">—</td>;
  return (
    <td data-node-id={n.id} data-status={n.status} className={selected === n.id ? 'selected' : undefined} id={`node-${n.id}`}>
      <div className="cell-head">
        <StatusBadge status={n.status} compact /> <span className="mono">{n.name}</span>
      </div>
      {children}
      {n.reason && <div className="reason">{n.reason}</div>}
    </td>
  );
}

/** Claims a page at a time, problems first; a selected row further down is drawn too, so deep links land. */
function ClaimsTable({ rows, selected }: { rows: Chain[]; selected: string | null }) {
  const isSelected = (r: Chain) => selected !== null && [r.claim.id, r.volume?.id, r.cls?.id].includes(selected);
  return (
    <Paged items={rows} what="claims" keep={isSelected}>
      {(drawn) => (
        <table className="storage">
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Volume</th>
              <th scope="col">StorageClass</th>
            </tr>
          </thead>
          <tbody>
            {drawn.map(({ claim, volume, cls }) => (
              <tr key={claim.id} className={claim.info.orphan ? 'orphan-row' : undefined}>
                <Cell n={claim} selected={selected}>
                  <div className="muted">
                    {claim.namespace} · {claim.info.phase} · {claim.info.capacity || '?'} {claim.info.accessModes ? `· ${claim.info.accessModes}` : ''}
                  </div>
                  {claim.info.statefulSet ? (
                    <div className="muted">
                      of <Link href={`/statefulsets/${encodeURIComponent(claim.namespace ?? '')}/${encodeURIComponent(claim.info.statefulSet)}`}>{claim.info.statefulSet}</Link> · whenScaled {claim.info.whenScaled} · whenDeleted {claim.info.whenDeleted}
                      {claim.info.orphan ? <strong className="tag warn"> orphaned</strong> : null}
                    </div>
                  ) : null}
                </Cell>
                <Cell n={volume} selected={selected}>
                  {volume && (
                    <div className="muted">
                      {volume.info.phase} · reclaim {volume.info.reclaimPolicy} · {volume.info.capacity}
                    </div>
                  )}
                </Cell>
                <Cell n={cls} selected={selected}>
                  {cls &&
                    ('missing' in cls.info ? (
                      <div className="muted">does not exist</div>
                    ) : (
                      <div className="muted">
                        {cls.info.provisioner} · {cls.info.volumeBindingMode} · reclaim {cls.info.reclaimPolicy}
                        {cls.info.default ? ' · default' : ''}
                      </div>
                    ))}
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Paged>
  );
}

function LooseVolumes({ volumes, selected }: { volumes: NodeOf<'PersistentVolume'>[]; selected: string | null }) {
  return (
    <Paged items={volumes} what="volumes" keep={(v) => v.id === selected}>
      {(shown) => (
        <table>
          <tbody>
            {shown.map((v) => (
              <tr key={v.id} className={v.info.phase === 'Released' ? 'released-row' : undefined}>
                <Cell n={v} selected={selected}>
                  <div className="muted">
                    {v.info.phase} · reclaim {v.info.reclaimPolicy} · {v.info.capacity} · was {v.info.claim || 'never bound'}
                  </div>
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Paged>
  );
}

/** `/storage`: claim → volume → class, with phases, reclaim and retention policies, orphans and Released volumes. */
export function StorageView() {
  const params = useSearchParams();
  const ns = params.get('namespace') ?? undefined;
  const selected = params.get('select');
  const { data, error, isPending } = useLiveTopology(ns, STORAGE_KINDS);
  const view = useMemo(() => (data ? chains(data) : undefined), [data]);
  useEffect(() => {
    if (selected && view) document.getElementById(`node-${selected}`)?.scrollIntoView({ block: 'center' });
  }, [selected, view]);
  if (isPending) return <Loading what="storage" />;
  if (error || !view) return <ErrorPanel error={error} />;
  return (
    <>
      <section className="panel" aria-labelledby="claims-h">
        <h2 id="claims-h">Claims → volumes → classes</h2>
        {view.rows.length === 0 ? <Empty>No claims{ns ? ` in ${ns}` : ''}.</Empty> : <ClaimsTable rows={view.rows} selected={selected} />}
      </section>
      {!ns && (
        <section className="panel" aria-labelledby="loose-h">
          <h2 id="loose-h">Volumes without a claim</h2>
          {view.loose.length === 0 ? <Empty>Every volume is bound to a claim.</Empty> : <LooseVolumes volumes={view.loose} selected={selected} />}
        </section>
      )}
    </>
  );
}
