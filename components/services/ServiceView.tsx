'use client';

import Link from '@/components/ui/Link';
import { parseNodeId, refId } from '@/lib/wire/kinds';
import { nodesOf } from '@/lib/wire/topology';
import { useLiveTopology, useService } from '../data/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import { Empty, ErrorPanel, Loading } from '../ui/States';

/** `/services/{ns}/{name}`: Service → EndpointSlices → Pods, conditions, per-pod DNS names, empty selectors flagged. */
export function ServiceView({ namespace, name }: { namespace: string; name: string }) {
  const topo = useLiveTopology(namespace);
  const { data: d, error, isPending } = useService(namespace, name);
  const id = refId({ kind: 'Service', namespace, name });
  const node = nodesOf(topo.data?.nodes ?? [], 'Service').find((n) => n.id === id);
  const slices = (topo.data?.edges ?? []).filter((e) => e.kind === 'serves' && e.source === id).map((e) => parseNodeId(e.target)?.name ?? e.target);
  if (isPending) return <Loading what={`Service ${namespace}/${name}`} />;
  if (error || !d) return <ErrorPanel error={error} title={`Cannot show Service ${namespace}/${name}.`} back={{ href: `/services?namespace=${encodeURIComponent(namespace)}`, label: `← Services in ${namespace}` }} />;
  return (
    <div className="detail" data-node-id={id} data-status={node?.status ?? 'unknown'}>
      <div className="title-row">
        <h1>
          <span className="kind">Service</span> <span className="mono">{namespace}/{name}</span>
        </h1>
        {node && <StatusBadge status={node.status} />}
      </div>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{d.headless ? 'Headless (clusterIP: None)' : (node?.info.type ?? 'ClusterIP')}</dd>
        <dt>Selector</dt>
        <dd className="mono">{d.selector ? Object.entries(d.selector).map(([k, v]) => `${k}=${v}`).join(', ') : <span className="tag warn">none</span>}</dd>
        <dt>EndpointSlices</dt>
        <dd className="mono">{slices.length ? slices.join(', ') : '—'}</dd>
      </dl>
      <section aria-labelledby="sdiag-h" className={`panel diagnosis${d.diagnosis.length ? ' has-findings' : ''}`}>
        <h2 id="sdiag-h">Diagnosis</h2>
        {d.diagnosis.length === 0 ? (
          <Empty>Every selected pod is Ready and serving.</Empty>
        ) : (
          <ul>
            {d.diagnosis.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="eps-h" className="panel">
        <h2 id="eps-h">Endpoints</h2>
        {d.endpoints.length === 0 ? (
          <Empty>No endpoints: traffic to this Service goes nowhere.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Pod</th>
                <th scope="col">Ready</th>
                <th scope="col">Serving</th>
                <th scope="col">Terminating</th>
                {d.headless && <th scope="col">DNS name</th>}
              </tr>
            </thead>
            <tbody>
              {d.endpoints.map((e) => (
                <tr key={`${e.address}-${e.pod}`} data-node-id={e.pod ? `Pod/${e.pod}` : undefined} data-status={e.ready ? 'ok' : e.terminating ? 'progressing' : 'warning'}>
                  <td className="mono">{e.address}</td>
                  <td className="mono">{e.pod ? <Link href={`/topology?namespace=${encodeURIComponent(namespace)}&select=${encodeURIComponent(`Pod/${e.pod}`)}`}>{e.pod}</Link> : '—'}</td>
                  <td>{e.ready ? '✓ ready' : '✗ not ready'}</td>
                  <td>{e.serving ? '✓' : '✗'}</td>
                  <td>{e.terminating ? '⌛ terminating' : '—'}</td>
                  {d.headless && <td className="mono">{e.dns ?? '—'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
