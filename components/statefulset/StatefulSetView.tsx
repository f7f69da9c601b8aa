'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import { WhatChanged } from '../history/WhatChanged';
import { useLiveTopology, useStatefulSet } from '../data/hooks';
import { StatusBadge } from '../ui/StatusBadge';
import { Empty, ErrorPanel, Loading } from '../ui/States';
import type { GraphEdge } from '@/lib/wire/topology';
import { OrdinalLane } from './OrdinalLane';
import { EventsPanel } from '../ui/EventsPanel';
import { CopyCommands } from '../ui/CopyCommands';
import { kubectlFor } from '@/lib/kubectl';

/** `/statefulsets/{ns}/{name}`: the ordinal lane, the diagnosis in words, and recent events. */
export function StatefulSetView({ namespace, name }: { namespace: string; name: string }) {
  const topo = useLiveTopology(namespace);
  const { data: d, error, isPending } = useStatefulSet(namespace, name);
  const node = topo.data?.nodes.find((n) => n.id === `StatefulSet/${namespace}/${name}`);
  const t = useTranslations('statefulsets');
  const ts = useTranslations('states');
  const words = useWords();
  const what = `StatefulSet ${namespace}/${name}`;
  if (isPending) return <Loading what={what} />;
  if (error || !d)
    return (
      <ErrorPanel
        error={error}
        title={ts('cannotShow', { what })}
        back={{
          href: `/statefulsets?namespace=${encodeURIComponent(namespace)}`,
          label: ts('backTo', { kinds: words.t('kinds.StatefulSet.other'), namespace }),
        }}
      />
    );
  const diagnosis = words.diagnosis(d.findings);
  const rolling = d.currentRevision !== d.updateRevision;
  return (
    <div className="detail" data-node-id={`StatefulSet/${namespace}/${name}`} data-status={node?.status ?? 'unknown'}>
      <div className="title-row">
        <h1>
          <span className="kind">StatefulSet</span>{' '}
          <span className="mono">
            {namespace}/{name}
          </span>
        </h1>
        {node && <StatusBadge status={node.status} />}
      </div>
      <dl className="facts">
        <dt>{t('ready')}</dt>
        <dd>
          {d.readyReplicas}/{d.replicas}
        </dd>
        <dt>{t('updateStrategy')}</dt>
        <dd>
          {d.updateStrategy}
          {d.updateStrategy === 'RollingUpdate' && t('partition', { partition: d.partition })}
        </dd>
        <dt>{t('revisions')}</dt>
        <dd className="mono">{rolling ? `${d.currentRevision} → ${d.updateRevision}` : d.updateRevision || '—'}</dd>
        <dt>{t('retention')}</dt>
        <dd>
          whenScaled {d.retention.whenScaled} · whenDeleted {d.retention.whenDeleted}
        </dd>
        <dt>{t('service')}</dt>
        <dd>
          {d.serviceName ? (
            <Link href={`/services/${encodeURIComponent(namespace)}/${encodeURIComponent(d.serviceName)}`}>
              {d.serviceName}
            </Link>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      <section aria-labelledby="diag-h" className={`panel diagnosis${diagnosis.length ? ' has-findings' : ''}`}>
        <h2 id="diag-h">{t('diagnosis')}</h2>
        {diagnosis.length === 0 ? (
          <Empty>{t('converged')}</Empty>
        ) : (
          <ul>
            {diagnosis.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
      </section>
      <OrdinalLane
        d={d}
        pods={
          new Map(
            (topo.data?.nodes ?? [])
              .filter((n) => n.kind === 'Pod' && n.namespace === namespace)
              .map((n) => [n.name, n]),
          )
        }
        stale={staleSources(topo.data?.edges ?? [])}
      />
      <div className="panel">
        <WhatChanged refId={`StatefulSet/${namespace}/${name}`} heading={t('historyHeading')} />
      </div>
      <EventsPanel events={d.events} />
      <CopyCommands commands={kubectlFor({ kind: 'StatefulSet', namespace, name })} />
    </div>
  );
}

/** Pod id → the ConfigMaps and Secrets it runs an older version of (the graph's drift edges). */
function staleSources(edges: readonly GraphEdge[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of edges)
    if (e.kind === 'mounts' && e.drift) out.set(e.target, [...(out.get(e.target) ?? []), e.source]);
  return out;
}
