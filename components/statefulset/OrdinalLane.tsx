import Link from '@/components/ui/Link';
import { parseNodeId } from '@/lib/wire/kinds';
import { linkForId } from '../links';
import type { GraphNode, Health, Ordinal, StatefulSetDetail } from '@/lib/wire/topology';
import { Name } from '@/components/ui/Name';

/** The server decides a cell's health; the live graph's pod node (the same rule) is fresher than the detail fetch. */
function cellStatus(o: Ordinal, pod: GraphNode | undefined): Health {
  return o.orphan ? o.status : (pod?.status ?? o.status);
}

/**
 * pod-0 … pod-N as a lane: phase, Ready, revision and claims per ordinal; the
 * partition as a marker; leftover ordinals (orphans) dashed. DOM hook: data-ordinal.
 */
export function OrdinalLane({ d, pods, stale = new Map() }: { d: StatefulSetDetail; pods: Map<string, GraphNode>; stale?: Map<string, string[]> }) {
  const partitionAt = d.updateStrategy === 'RollingUpdate' && d.partition > 0 ? d.ordinalsStart + d.partition : undefined;
  const inRange = d.ordinals.filter((o) => !o.orphan);
  const started = inRange.filter((o) => o.pod && o.ready).length;
  return (
    <section aria-labelledby="lane-h" className="panel">
      <h2 id="lane-h">
        Ordinals <span className="muted">{started}/{d.replicas} Ready · {d.podManagementPolicy}</span>
      </h2>
      <progress className="lane-progress" max={Math.max(1, d.replicas)} value={started} aria-label={`${started} of ${d.replicas} ordinals Ready`} />
      <ol className="lane" aria-label="Ordinals">
        {d.ordinals.map((o) => {
          const pod = o.pod ? pods.get(o.pod) : undefined;
          const status = cellStatus(o, pod);
          // Current and update are told apart only while a rollout makes them differ.
          const rolling = d.currentRevision !== d.updateRevision;
          const rev = o.revision === null ? 'none' : !rolling ? 'same' : o.updated ? 'update' : 'current';
          const facts = pod?.kind === 'Pod' ? pod.info : undefined;
          return (
            <li key={o.ordinal} className="lane-slot">
              {partitionAt !== undefined && o.ordinal === partitionAt && (
                <div className="partition-marker" role="note" aria-label={`partition ${d.partition}: ordinals from ${partitionAt} get the update revision`}>
                  partition {d.partition}
                </div>
              )}
              <article className={`ordinal${o.orphan ? ' orphan' : ''}`} data-ordinal={o.ordinal} data-status={status} aria-label={`ordinal ${o.ordinal}`}>
                <header>
                  <span className="ordinal-n">#{o.ordinal}</span>
                  {o.pod ? (
                    <Link href={linkForId(`Pod/${d.namespace}/${o.pod}`)}>
                      <Name value={o.pod} max={28} />
                    </Link>
                  ) : (
                    <Name value={`${d.name}-${o.ordinal}`} max={28} />
                  )}
                </header>
                <dl>
                  <dt>Phase</dt>
                  <dd data-phase={o.phase}>{o.pod ? o.phase : o.orphan ? 'removed (claims kept)' : 'not created'}</dd>
                  <dt>Ready</dt>
                  <dd>{o.ready ? '✓ Ready' : '✗ Not ready'}</dd>
                  <dt>Revision</dt>
                  <dd>
                    <span className={`rev rev-${rev}`} title={o.revision ?? ''}>
                      {rev === 'update' ? '↑ update' : rev === 'current' ? '• current' : rev === 'same' ? '✓ up to date' : '—'}
                    </span>
                  </dd>
                  {facts && (
                    <>
                      <dt>Restarts</dt>
                      <dd data-restarts={facts.restarts}>{facts.restarts}</dd>
                      <dt>Node</dt>
                      <dd className="mono">{facts.node || '—'}</dd>
                    </>
                  )}
                </dl>
                {o.pvcs.length > 0 && (
                  <ul className="chain" aria-label="Claims">
                    {o.pvcs.map((c) => (
                      <li key={c.name} data-phase={c.phase}>
                        <Link href={`/storage?namespace=${encodeURIComponent(d.namespace)}&select=${encodeURIComponent(`PersistentVolumeClaim/${d.namespace}/${c.name}`)}`}>
                          <Name value={c.name} max={24} />
                        </Link>{' '}
                        <span className={`phase phase-${c.phase.toLowerCase()}`}>{c.phase}</span>
                        <span className="muted">
                          {' → '}
                          {c.volume ? <Name value={c.volume} max={18} /> : 'no volume'} → {c.storageClass ? <Name value={c.storageClass} max={18} /> : 'default class'}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {pod?.reason && status !== 'ok' && <p className="cell-reason">{pod.reason}</p>}
                {o.pod && <StaleConfig namespace={d.namespace} sources={stale.get(`Pod/${d.namespace}/${o.pod}`) ?? []} />}
                {o.pod && status !== 'ok' && (
                  <p className="cell-links">
                    <Link href={`${linkForId(`Pod/${d.namespace}/${o.pod}`)}#logs-h`}>Logs and containers →</Link>
                  </p>
                )}
                {o.orphan && <p className="orphan-note">{o.pod ? 'Leftover ordinal ≥ replicas: going away' : `Ordinal ≥ replicas: claims kept (whenScaled ${d.retention.whenScaled})`}</p>}
              </article>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The ConfigMaps and Secrets a pod runs an older version of, on its card, a link to the drift view. */
function StaleConfig({ namespace, sources }: { namespace: string; sources: string[] }) {
  if (!sources.length) return null;
  const names = sources.map((src) => {
    const ref = parseNodeId(src);
    return ref ? `${ref.kind} ${ref.name}` : src;
  });
  return (
    <p className="cell-stale" data-stale-config>
      <Link href={`/drift?namespace=${encodeURIComponent(namespace)}&source=${encodeURIComponent(sources[0])}`}>stale config</Link>: runs an older{' '}
      {names.join(', ')}
    </p>
  );
}
