'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
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
  const slices = (topo.data?.edges ?? [])
    .filter((e) => e.kind === 'serves' && e.source === id)
    .map((e) => parseNodeId(e.target)?.name ?? e.target);
  const t = useTranslations('services');
  const ts = useTranslations('states');
  const words = useWords();
  const what = `Service ${namespace}/${name}`;
  if (isPending) return <Loading what={what} />;
  if (error || !d)
    return (
      <ErrorPanel
        error={error}
        title={ts('cannotShow', { what })}
        back={{
          href: `/services?namespace=${encodeURIComponent(namespace)}`,
          label: ts('backTo', { kinds: words.t('kinds.Service.other'), namespace }),
        }}
      />
    );
  const diagnosis = words.diagnosis(d.findings);
  return (
    <div className="detail" data-node-id={id} data-status={node?.status ?? 'unknown'}>
      <div className="title-row">
        <h1>
          <span className="kind">Service</span>{' '}
          <span className="mono">
            {namespace}/{name}
          </span>
        </h1>
        {node && <StatusBadge status={node.status} />}
      </div>
      <dl className="facts">
        <dt>{t('type')}</dt>
        <dd>{d.headless ? t('headlessType') : d.type}</dd>
        <dt>{t('ports')}</dt>
        <dd className="mono ports">{d.ports.length ? d.ports.map(portText).join(', ') : '—'}</dd>
        <dt>{t('selector')}</dt>
        <dd className="mono">
          {d.selector ? (
            Object.entries(d.selector)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')
          ) : (
            <span className="tag warn">{t('none')}</span>
          )}
        </dd>
        <dt>{t('slices')}</dt>
        <dd className="mono">{slices.length ? slices.join(', ') : '—'}</dd>
      </dl>
      <section aria-labelledby="sdiag-h" className={`panel diagnosis${diagnosis.length ? ' has-findings' : ''}`}>
        <h2 id="sdiag-h">{words.t('statefulsets.diagnosis')}</h2>
        {diagnosis.length === 0 ? (
          <Empty>{t('allServing')}</Empty>
        ) : (
          <ul>
            {diagnosis.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
      </section>
      {d.selectorHints && d.selector && <NearMatches hints={d.selectorHints} namespace={namespace} />}
      <section aria-labelledby="eps-h" className="panel">
        <h2 id="eps-h">{t('endpoints')}</h2>
        {d.endpoints.length === 0 ? (
          <Empty>{t('noEndpoints')}</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('address')}</th>
                <th scope="col">{t('pod')}</th>
                <th scope="col">{t('podStatus')}</th>
                <th scope="col">{t('colReady')}</th>
                <th scope="col">{t('serving')}</th>
                <th scope="col">{t('terminating')}</th>
                {d.headless && <th scope="col">{t('dns')}</th>}
              </tr>
            </thead>
            <tbody>
              {d.endpoints.map((e) => {
                // The pod's own status, as every other view words it; the endpoint's flags beside it.
                const pod = e.pod ? pods.get(`Pod/${e.pod}`) : undefined;
                return (
                  <tr
                    key={`${e.address}-${e.pod}`}
                    data-node-id={e.pod ? `Pod/${e.pod}` : undefined}
                    data-status={pod?.status ?? 'unknown'}
                  >
                    <td className="mono">{e.address}</td>
                    <td className="mono">{e.pod ? <Link href={linkForId(`Pod/${e.pod}`)}>{e.pod}</Link> : '—'}</td>
                    <td>{pod ? <StatusBadge status={pod.status} /> : '—'}</td>
                    <td>{e.ready ? t('epReady') : t('epNotReady')}</td>
                    <td>{e.serving ? '✓' : '✗'}</td>
                    <td>{e.terminating ? t('epTerminating') : '—'}</td>
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
  const t = useTranslations('services');
  return (
    <section aria-labelledby="near-h" className="panel near-matches">
      <h2 id="near-h">{t('nearTitle')}</h2>
      {hints.nearMatches.length === 0 ? (
        <p>{t('noNear', { namespace })}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('nearPod')}</th>
              <th scope="col">{t('differs')}</th>
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
                    <div key={x.key}>{t('wants', { key: x.key, want: x.want, have: x.have ?? 'absent' })}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hints.nearMatchCount > hints.nearMatches.length && (
        <p className="muted">{t('more', { count: hints.nearMatchCount - hints.nearMatches.length })}</p>
      )}
      <dl className="facts">
        {hints.valuesPresent.map((v) => (
          <Fragment key={v.key}>
            <dt className="mono">{v.key}</dt>
            <dd className="mono">
              {v.values.length
                ? v.values.map((x) => t('value', { value: x.value, pods: x.pods })).join(', ')
                : t('noValue', { namespace })}
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
