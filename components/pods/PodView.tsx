'use client';

import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';
import { useWords } from '../i18n/useWords';
import type { ContainerDetail, ContainerState, PodDetail } from '@/lib/wire/pod';
import { useLiveTopology, usePod } from '../data/hooks';
import { linkForId } from '../links';
import { RelativeTime } from '../ui/RelativeTime';
import { StatusBadge } from '../ui/StatusBadge';
import { ErrorPanel, Loading } from '../ui/States';
import { CopyCommands } from '../ui/CopyCommands';
import { LogView } from './LogView';
import { EventsPanel } from '../ui/EventsPanel';

const POD_KINDS = ['Pod'] as const;

/** `/pods/{ns}/{name}`: a pod one level deeper — containers, probes, rollout, mounts, logs, events. */
export function PodView({ namespace, name }: { namespace: string; name: string }) {
  const topo = useLiveTopology(namespace, POD_KINDS);
  const node = topo.data?.nodes.find((n) => n.id === `Pod/${namespace}/${name}`);
  const { data: d, error, isPending } = usePod(namespace, name, JSON.stringify(node ?? null));
  const t = useTranslations('pods');
  const ts = useTranslations('states');
  const words = useWords();
  const what = t('what', { namespace, name });
  if (isPending) return <Loading what={what} />;
  if (error || !d)
    return (
      <ErrorPanel
        error={error}
        title={ts('cannotShow', { what })}
        back={{ href: `/topology?namespace=${encodeURIComponent(namespace)}`, label: t('backTopology', { namespace }) }}
      />
    );
  const reason = d.findings[0] ? words.finding(d.findings[0]) : d.reason;
  return (
    <div className="detail pod" data-node-id={`Pod/${namespace}/${name}`} data-status={d.status}>
      <div className="title-row">
        <h1>
          <span className="kind">Pod</span>{' '}
          <span className="mono">
            {namespace}/{name}
          </span>
        </h1>
        <StatusBadge status={d.status} />
      </div>
      {reason && <p className="reason">{reason}</p>}
      <Facts d={d} />
      <Containers d={d} />
      {d.rollout && <Rollout d={d} />}
      <Mounts d={d} />
      <LogView
        namespace={namespace}
        pod={name}
        containers={d.containers.map((c) => ({ name: c.name, hasPrevious: !!c.lastTermination || c.restarts > 0 }))}
        initial={d.containers.find((c) => !c.init)?.name}
      />
      <EventsPanel events={d.events} heading={words.t('events.headingOnly')} id="events-h" />
      <CopyCommands commands={d.kubectl} />
    </div>
  );
}

function Facts({ d }: { d: PodDetail }) {
  const owner = d.owner ? `StatefulSet/${d.namespace}/${d.owner.name}` : undefined;
  const t = useTranslations('pods');
  return (
    <dl className="facts">
      <dt>{t('state')}</dt>
      <dd data-phase={d.phase}>{d.phase}</dd>
      <dt>{t('node')}</dt>
      <dd className="mono">{d.node ?? t('notScheduled')}</dd>
      <dt>{t('podIP')}</dt>
      <dd className="mono">{d.podIP ?? '—'}</dd>
      <dt>{t('qos')}</dt>
      <dd>{d.qos ?? '—'}</dd>
      <dt>{t('started')}</dt>
      <dd>{d.startedAt ? <RelativeTime iso={d.startedAt} /> : t('notYet')}</dd>
      {owner && (
        <>
          <dt>{t('owner')}</dt>
          <dd>
            <Link href={linkForId(owner)}>StatefulSet {d.owner?.name}</Link>
            {d.ordinal !== undefined && t('ordinal', { ordinal: d.ordinal })}
          </dd>
        </>
      )}
      {d.revision && (
        <>
          <dt>{t('revision')}</dt>
          <dd className="mono">
            {d.revision}
            {d.rollout && (d.rollout.updateRevision.endsWith(d.revision) ? t('isUpdate') : t('isCurrent'))}
          </dd>
        </>
      )}
    </dl>
  );
}

/** A container's state as the kubelet reports it: the state in the reader's words, the reason and exit code as reported. */
function useStateText(): (s: ContainerState) => string {
  const t = useTranslations('pods');
  return (s) =>
    [
      t(`containerState.${s.state}`),
      s.reason,
      s.exitCode !== undefined ? t('exitCode', { code: s.exitCode }) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
}

function Containers({ d }: { d: PodDetail }) {
  const t = useTranslations('pods');
  const failure = d.lastProbeFailure;
  return (
    <section className="panel" aria-labelledby="containers-h">
      <h2 id="containers-h">{t('containers')}</h2>
      {failure && (
        <p className="probe-failure" data-probe-failure>
          {t.rich('probeFailure', {
            count: failure.count,
            strong: (chunks) => <strong>{chunks}</strong>,
            time: () => <RelativeTime iso={failure.lastSeen} />,
          })}{' '}
          <span className="reason">{failure.message}</span>
        </p>
      )}
      {d.containers.map((c) => (
        <ContainerCard key={c.name} c={c} />
      ))}
    </section>
  );
}

function ContainerCard({ c }: { c: ContainerDetail }) {
  const t = useTranslations('pods');
  const stateText = useStateText();
  return (
    <article
      className="container-card"
      data-container={c.name}
      data-ready={c.ready}
      aria-label={t('container', { name: c.name })}
    >
      <h3>
        <span className="mono">{c.name}</span> {c.init && <span className="tag">{t('init')}</span>}{' '}
        <span className="muted">{c.ready ? t('ready') : t('notReady')}</span>
      </h3>
      <dl className="facts">
        <dt>{t('image')}</dt>
        <dd className="mono">{c.image}</dd>
        {c.digest && (
          <>
            <dt>{t('digest')}</dt>
            <dd className="mono" title={c.digest}>
              {c.digest.slice(0, 19)}…
            </dd>
          </>
        )}
        <dt>{t('state')}</dt>
        <dd data-state={c.state.state}>
          {stateText(c.state)}
          {c.state.since && (
            <>
              {' '}
              {t('since')} <RelativeTime iso={c.state.since} />
            </>
          )}
          {c.state.message && <div className="reason">{c.state.message}</div>}
        </dd>
        <dt>{t('restarts')}</dt>
        <dd data-restarts={c.restarts}>{c.restarts}</dd>
        {c.lastTermination && (
          <>
            <dt>{t('lastTermination')}</dt>
            <dd>
              {stateText(c.lastTermination)}
              {c.lastTermination.since && (
                <>
                  {' '}
                  · <RelativeTime iso={c.lastTermination.since} />
                </>
              )}
            </dd>
          </>
        )}
        <dt>{t('probes')}</dt>
        <dd>
          {c.probes.length === 0
            ? t('none')
            : c.probes.map((p) => (
                <div key={p.kind} data-probe={p.kind}>
                  {t.rich('probe', {
                    kind: t(`probeKind.${p.kind}`),
                    period: p.periodSeconds,
                    timeout: p.timeoutSeconds,
                    failures: p.failureThreshold,
                    delay: p.initialDelaySeconds ? p.initialDelaySeconds : 'absent',
                    target: () => <span className="mono">{p.target}</span>,
                  })}
                </div>
              ))}
        </dd>
        <dt>{t('resources')}</dt>
        <dd className="mono">
          {Object.keys(c.requests).length || Object.keys(c.limits).length
            ? t('requestsLimits', { requests: JSON.stringify(c.requests), limits: JSON.stringify(c.limits) })
            : t('bestEffort')}
        </dd>
      </dl>
    </article>
  );
}

function Rollout({ d }: { d: PodDetail }) {
  const r = d.rollout;
  const t = useTranslations('pods');
  if (!r) return null;
  return (
    <section className="panel" aria-labelledby="rollout-h" data-rollout>
      <h2 id="rollout-h">{t('rollout')}</h2>
      <p className="muted mono">
        {r.currentRevision} → {r.updateRevision}
      </p>
      {r.changes.length === 0 ? (
        <p className="muted">{t('sameTemplates')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('currentRevision')}</th>
              <th scope="col">{t('updateRevision')}</th>
            </tr>
          </thead>
          <tbody>
            {r.changes.map((c) => (
              <tr key={c.path} data-path={c.path}>
                <td className="mono">{c.path}</td>
                <td className="mono">{c.from ?? '—'}</td>
                <td className="mono">{c.to ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Mounts({ d }: { d: PodDetail }) {
  const t = useTranslations('pods');
  return (
    <section className="panel" aria-labelledby="mounts-h">
      <h2 id="mounts-h">{t('mounts')}</h2>
      <ul>
        {d.claims.map((c) => (
          <li key={c.name} data-claim={c.name}>
            <StatusBadge status={c.status} compact />{' '}
            <Link
              href={`/storage?namespace=${encodeURIComponent(d.namespace)}&select=${encodeURIComponent(`PersistentVolumeClaim/${d.namespace}/${c.name}`)}`}
            >
              <span className="mono">{c.name}</span>
            </Link>{' '}
            · {c.phase}
            {c.storageClass && ` · ${c.storageClass}`}
          </li>
        ))}
        {d.config.map((c) => (
          <li key={`${c.source}|${c.mode}`} data-source={c.source}>
            <Link href={`/drift?namespace=${encodeURIComponent(d.namespace)}&source=${encodeURIComponent(c.source)}`}>
              <span className="mono">{c.source}</span>
            </Link>{' '}
            {t('as', { mode: c.mode })}
            {c.stale && <strong className="tag warn">{t('staleMount')}</strong>}
          </li>
        ))}
        {d.claims.length + d.config.length === 0 && <li className="muted">{t('noMounts')}</li>}
      </ul>
    </section>
  );
}
