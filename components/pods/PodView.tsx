'use client';

import Link from '@/components/ui/Link';
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
  if (isPending) return <Loading what={`pod ${namespace}/${name}`} />;
  if (error || !d) return <ErrorPanel error={error} title={`Cannot show pod ${namespace}/${name}.`} back={{ href: `/topology?namespace=${encodeURIComponent(namespace)}`, label: `← The topology of ${namespace}` }} />;
  return (
    <div className="detail pod" data-node-id={`Pod/${namespace}/${name}`} data-status={d.status}>
      <div className="title-row">
        <h1>
          <span className="kind">Pod</span> <span className="mono">{namespace}/{name}</span>
        </h1>
        <StatusBadge status={d.status} />
      </div>
      {d.reason && <p className="reason">{d.reason}</p>}
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
      <EventsPanel events={d.events} heading="Events" id="events-h" />
      <CopyCommands commands={d.kubectl} />
    </div>
  );
}

function Facts({ d }: { d: PodDetail }) {
  const owner = d.owner ? `StatefulSet/${d.namespace}/${d.owner.name}` : undefined;
  return (
    <dl className="facts">
      <dt>State</dt>
      <dd data-phase={d.phase}>{d.phase}</dd>
      <dt>Node</dt>
      <dd className="mono">{d.node ?? 'not scheduled'}</dd>
      <dt>Pod IP</dt>
      <dd className="mono">{d.podIP ?? '—'}</dd>
      <dt>QoS class</dt>
      <dd>{d.qos ?? '—'}</dd>
      <dt>Started</dt>
      <dd>{d.startedAt ? <RelativeTime iso={d.startedAt} /> : 'not yet'}</dd>
      {owner && (
        <>
          <dt>Owner</dt>
          <dd>
            <Link href={linkForId(owner)}>StatefulSet {d.owner?.name}</Link>
            {d.ordinal !== undefined && ` · ordinal ${d.ordinal}`}
          </dd>
        </>
      )}
      {d.revision && (
        <>
          <dt>Revision</dt>
          <dd className="mono">
            {d.revision}
            {d.rollout && (d.rollout.updateRevision.endsWith(d.revision) ? ' (the update revision)' : ' (the current revision)')}
          </dd>
        </>
      )}
    </dl>
  );
}

function stateText(s: ContainerState): string {
  const bits = [s.state === 'unknown' ? 'not started' : s.state, s.reason, s.exitCode !== undefined ? `exit code ${s.exitCode}` : undefined];
  return bits.filter(Boolean).join(' · ');
}

function Containers({ d }: { d: PodDetail }) {
  return (
    <section className="panel" aria-labelledby="containers-h">
      <h2 id="containers-h">Containers</h2>
      {d.lastProbeFailure && (
        <p className="probe-failure" data-probe-failure>
          <strong>Last probe failure</strong> ({d.lastProbeFailure.count}×, <RelativeTime iso={d.lastProbeFailure.lastSeen} />):{' '}
          <span className="reason">{d.lastProbeFailure.message}</span>
        </p>
      )}
      {d.containers.map((c) => (
        <ContainerCard key={c.name} c={c} />
      ))}
    </section>
  );
}

function ContainerCard({ c }: { c: ContainerDetail }) {
  return (
    <article className="container-card" data-container={c.name} data-ready={c.ready} aria-label={`container ${c.name}`}>
      <h3>
        <span className="mono">{c.name}</span> {c.init && <span className="tag">init</span>} <span className="muted">{c.ready ? '✓ Ready' : '✗ not Ready'}</span>
      </h3>
      <dl className="facts">
        <dt>Image</dt>
        <dd className="mono">{c.image}</dd>
        {c.digest && (
          <>
            <dt>Digest</dt>
            <dd className="mono" title={c.digest}>
              {c.digest.slice(0, 19)}…
            </dd>
          </>
        )}
        <dt>State</dt>
        <dd data-state={c.state.state}>
          {stateText(c.state)}
          {c.state.since && (
            <>
              {' '}
              since <RelativeTime iso={c.state.since} />
            </>
          )}
          {c.state.message && <div className="reason">{c.state.message}</div>}
        </dd>
        <dt>Restarts</dt>
        <dd data-restarts={c.restarts}>{c.restarts}</dd>
        {c.lastTermination && (
          <>
            <dt>Last termination</dt>
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
        <dt>Probes</dt>
        <dd>
          {c.probes.length === 0
            ? 'none'
            : c.probes.map((p) => (
                <div key={p.kind} data-probe={p.kind}>
                  {p.kind}: <span className="mono">{p.target}</span> every {p.periodSeconds}s, timeout {p.timeoutSeconds}s, fails after {p.failureThreshold}
                  {p.initialDelaySeconds ? `, ${p.initialDelaySeconds}s delay` : ''}
                </div>
              ))}
        </dd>
        <dt>Resources</dt>
        <dd className="mono">
          {Object.keys(c.requests).length || Object.keys(c.limits).length
            ? `requests ${JSON.stringify(c.requests)} · limits ${JSON.stringify(c.limits)}`
            : 'none set (BestEffort)'}
        </dd>
      </dl>
    </article>
  );
}

function Rollout({ d }: { d: PodDetail }) {
  const r = d.rollout;
  if (!r) return null;
  return (
    <section className="panel" aria-labelledby="rollout-h" data-rollout>
      <h2 id="rollout-h">What changed in the rollout</h2>
      <p className="muted mono">
        {r.currentRevision} → {r.updateRevision}
      </p>
      {r.changes.length === 0 ? (
        <p className="muted">The two revisions&apos; templates are the same.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Current revision</th>
              <th scope="col">Update revision</th>
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
  return (
    <section className="panel" aria-labelledby="mounts-h">
      <h2 id="mounts-h">Claims and config</h2>
      <ul>
        {d.claims.map((c) => (
          <li key={c.name} data-claim={c.name}>
            <StatusBadge status={c.status} compact />{' '}
            <Link href={`/storage?namespace=${encodeURIComponent(d.namespace)}&select=${encodeURIComponent(`PersistentVolumeClaim/${d.namespace}/${c.name}`)}`}>
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
            as {c.mode}
            {c.stale && <strong className="tag warn"> stale: the pod runs an older version</strong>}
          </li>
        ))}
        {d.claims.length + d.config.length === 0 && <li className="muted">No claims, ConfigMaps or Secrets.</li>}
      </ul>
    </section>
  );
}
