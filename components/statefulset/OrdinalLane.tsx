'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
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
export function OrdinalLane({
  d,
  pods,
  stale = new Map(),
}: {
  d: StatefulSetDetail;
  pods: Map<string, GraphNode>;
  stale?: Map<string, string[]>;
}) {
  const partitionAt =
    d.updateStrategy === 'RollingUpdate' && d.partition > 0 ? d.ordinalsStart + d.partition : undefined;
  const inRange = d.ordinals.filter((o) => !o.orphan);
  const started = inRange.filter((o) => o.pod && o.ready).length;
  const t = useTranslations('statefulsets');
  const words = useWords();
  return (
    <section aria-labelledby="lane-h" className="panel">
      <h2 id="lane-h">
        {t('ordinals')}{' '}
        <span className="muted">
          {t('laneSummary', { ready: started, replicas: d.replicas, policy: d.podManagementPolicy })}
        </span>
      </h2>
      <progress
        className="lane-progress"
        max={Math.max(1, d.replicas)}
        value={started}
        aria-label={t('laneProgress', { ready: started, replicas: d.replicas })}
      />
      <ol className="lane" aria-label={t('ordinals')}>
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
                <div
                  className="partition-marker"
                  role="note"
                  aria-label={t('partitionNote', { partition: d.partition, from: partitionAt })}
                >
                  {t('partitionMarker', { partition: d.partition })}
                </div>
              )}
              <article
                className={`ordinal${o.orphan ? ' orphan' : ''}`}
                data-ordinal={o.ordinal}
                data-status={status}
                aria-label={t('ordinal', { ordinal: o.ordinal })}
              >
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
                  <dt>{t('phase')}</dt>
                  <dd data-phase={o.phase}>{o.pod ? o.phase : o.orphan ? t('removed') : t('notCreated')}</dd>
                  <dt>{t('ready')}</dt>
                  <dd>{o.ready ? t('isReady') : t('notReady')}</dd>
                  <dt>{t('revision')}</dt>
                  <dd>
                    <span className={`rev rev-${rev}`} title={o.revision ?? ''}>
                      {rev === 'update'
                        ? t('revUpdate')
                        : rev === 'current'
                          ? t('revCurrent')
                          : rev === 'same'
                            ? t('revSame')
                            : '—'}
                    </span>
                  </dd>
                  {facts && (
                    <>
                      <dt>{t('restarts')}</dt>
                      <dd data-restarts={facts.restarts}>{facts.restarts}</dd>
                      <dt>{t('node')}</dt>
                      <dd className="mono">{facts.node || '—'}</dd>
                    </>
                  )}
                </dl>
                {o.pvcs.length > 0 && (
                  <ul className="chain" aria-label={t('claims')}>
                    {o.pvcs.map((c) => (
                      <li key={c.name} data-phase={c.phase}>
                        <Link
                          href={`/storage?namespace=${encodeURIComponent(d.namespace)}&select=${encodeURIComponent(`PersistentVolumeClaim/${d.namespace}/${c.name}`)}`}
                        >
                          <Name value={c.name} max={24} />
                        </Link>{' '}
                        <span className={`phase phase-${c.phase.toLowerCase()}`}>{c.phase}</span>
                        <span className="muted">
                          {' → '}
                          {c.volume ? <Name value={c.volume} max={18} /> : t('noVolume')} →{' '}
                          {c.storageClass ? <Name value={c.storageClass} max={18} /> : t('defaultClass')}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {pod?.reason && status !== 'ok' && <p className="cell-reason">{words.reason(pod)}</p>}
                {o.pod && (
                  <StaleConfig namespace={d.namespace} sources={stale.get(`Pod/${d.namespace}/${o.pod}`) ?? []} />
                )}
                {o.pod && status !== 'ok' && (
                  <p className="cell-links">
                    <Link href={`${linkForId(`Pod/${d.namespace}/${o.pod}`)}#logs-h`}>{t('logs')}</Link>
                  </p>
                )}
                {o.orphan && (
                  <p className="orphan-note">
                    {o.pod ? t('leftover') : t('kept', { whenScaled: d.retention.whenScaled })}
                  </p>
                )}
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
  const t = useTranslations('statefulsets');
  const words = useWords();
  if (!sources.length) return null;
  const names = sources.map((src) => {
    const ref = parseNodeId(src);
    return ref ? `${ref.kind} ${ref.name}` : src;
  });
  return (
    <p className="cell-stale" data-stale-config>
      {t.rich('staleConfig', {
        sources: words.join(names),
        link: (chunks) => (
          <Link href={`/drift?namespace=${encodeURIComponent(namespace)}&source=${encodeURIComponent(sources[0])}`}>
            {chunks}
          </Link>
        ),
      })}
    </p>
  );
}
