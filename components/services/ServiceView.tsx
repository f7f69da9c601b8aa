'use client';

import Link from '@/components/ui/Link';
import { parseNodeId, refId } from '@/lib/wire/kinds';
import { nodesOf, portText, type SelectorHints } from '@/lib/wire/topology';
import { Fragment } from 'react';
import { kubectlFor } from '@/lib/kubectl';
import { CopyCommands } from '../ui/CopyCommands';
import { linkForId } from '../links';
import { Name } from '../ui/Name';
import { useLiveTopology, useService } from '../data/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import { Empty, ErrorPanel, Loading } from '../ui/States';

/** `/services/{ns}/{name}`: Service → EndpointSlices → Pods, conditions, per-pod DNS names, empty selectors flagged. */
export function ServiceView({ namespace, name }: { namespace: string; name: string }) {
  const topo = useLiveTopology(namespace);
  const { data: d, error, isPending } = useService(namespace, name);
  const id = refId({ kind: 'Service', namespace, name });
  const node = nodesOf(topo.data?.nodes ?? [], 'Service').find((n) => n.id === id);
  const pods = new Map(nodesOf(topo.data?.nodes ?? [], 'Pod').map((n) => [n.id, n]));
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
        <dd>{d.headless ? 'Headless (clusterIP: None)' : d.type}</dd>
        <dt>Ports</dt>
        <dd className="mono ports">{d.ports.length ? d.ports.map(portText).join(', ') : '—'}</dd>
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
      {d.selectorHints && d.selector && <NearMatches hints={d.selectorHints} namespace={namespace} />}
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
                <th scope="col">Pod status</th>
                <th scope="col">Ready</th>
                <th scope="col">Serving</th>
                <th scope="col">Terminating</th>
                {d.headless && <th scope="col">DNS name</th>}
              </tr>
            </thead>
            <tbody>
              {d.endpoints.map((e) => {
                // The pod's own status, as every other view words it; the endpoint's flags beside it.
                const pod = e.pod ? pods.get(`Pod/${e.pod}`) : undefined;
                return (
                <tr key={`${e.address}-${e.pod}`} data-node-id={e.pod ? `Pod/${e.pod}` : undefined} data-status={pod?.status ?? 'unknown'}>
                  <td className="mono">{e.address}</td>
                  <td className="mono">{e.pod ? <Link href={linkForId(`Pod/${e.pod}`)}>{e.pod}</Link> : '—'}</td>
                  <td>{pod ? <StatusBadge status={pod.status} /> : '—'}</td>
                  <td>{e.ready ? '✓ ready' : '✗ not ready'}</td>
                  <td>{e.serving ? '✓' : '✗'}</td>
                  <td>{e.terminating ? '⌛ terminating' : '—'}</td>
                  {d.headless && <td className="mono">{e.dns ?? '—'}</td>}
                </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <CopyCommands commands={kubectlFor({ kind: 'Service', namespace, name })} />
    </div>
  );
}

/** A selector that matches nothing: the pods that nearly match and the label that differs, and what its keys carry. */
function NearMatches({ hints, namespace }: { hints: SelectorHints; namespace: string }) {
  return (
    <section aria-labelledby="near-h" className="panel near-matches">
      <h2 id="near-h">Why the selector matches nothing</h2>
      {hints.nearMatches.length === 0 ? (
        <p>No pod in {namespace} nearly matches (none shares a selector label or misses one by a typo).</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Nearly matching pod</th>
              <th scope="col">Label that differs</th>
            </tr>
          </thead>
          <tbody>
            {hints.nearMatches.map((m) => (
              <tr key={m.pod} data-node-id={`Pod/${namespace}/${m.pod}`}>
                <td>
                  <Link href={linkForId(`Pod/${namespace}/${m.pod}`)}>
                    <Name value={m.pod} max={40} />
                  </Link>
                </td>
                <td className="mono">
                  {m.differs.map((x) => (
                    <div key={x.key}>
                      {x.key}: wants {x.want}, {x.have === null ? 'has no such label' : `has ${x.have}`}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hints.nearMatchCount > hints.nearMatches.length && <p className="muted">and {hints.nearMatchCount - hints.nearMatches.length} more.</p>}
      <dl className="facts">
        {hints.valuesPresent.map((v) => (
          <Fragment key={v.key}>
            <dt className="mono">{v.key}</dt>
            <dd className="mono">{v.values.length ? v.values.map((x) => `${x.value} (${x.pods} pod${x.pods === 1 ? '' : 's'})`).join(', ') : `no pod in ${namespace} has this label`}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
