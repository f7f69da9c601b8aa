import { kubectlFor } from '@/lib/kubectl';
import fastJsonPatch from 'fast-json-patch';
import type { ContainerDetail, ContainerState, PodDetail, Probe, RevisionChange } from '@/lib/wire/pod';
import type { Stores } from '../cache/indexes';
import { consumptions } from '../cache/consumption';
import type {
  Container as K8sContainer,
  ContainerState as K8sState,
  ContainerStatus as K8sStatus,
  Pod,
  Probe as K8sProbe,
} from '../cache/types';
import { claimNode } from './nodes';
import { recentEvents } from './events';
import { eventTime, latestEvent, ordinalOf, ownerStatefulSet, podHealth, podState, revisionOf } from './pods';
import { podDrift } from './drift';
import type { ConfigHistory } from '../cache/confighistory';

/**
 * A pod one level deeper (lib/wire/pod.ts), derived from the cache alone: container states from
 * its status, probes from its spec, the last probe failure from the kubelet's `Unhealthy` events,
 * claims and config it mounts, and its StatefulSet's rollout diff from the two ControllerRevisions.
 */

function stateOf(s: K8sState | undefined): ContainerState {
  if (s?.running) return { state: 'running', ...(s.running.startedAt ? { since: String(s.running.startedAt) } : {}) };
  if (s?.waiting) return { state: 'waiting', ...opt('reason', s.waiting.reason), ...opt('message', s.waiting.message) };
  if (s?.terminated)
    return {
      state: 'terminated',
      exitCode: s.terminated.exitCode,
      ...opt('reason', s.terminated.reason),
      ...opt('message', s.terminated.message),
      ...(s.terminated.finishedAt ? { since: String(s.terminated.finishedAt) } : {}),
    };
  return { state: 'unknown' };
}

function opt<K extends string>(k: K, v: string | undefined | null): Partial<Record<K, string>> {
  return v ? ({ [k]: v } as Record<K, string>) : {};
}

function probeOf(kind: Probe['kind'], p: K8sProbe | undefined): Probe[] {
  if (!p) return [];
  const [type, target] = p.httpGet
    ? ['httpGet', `${p.httpGet.scheme ?? 'HTTP'} GET :${p.httpGet.port}${p.httpGet.path ?? '/'}`]
    : p.tcpSocket
      ? ['tcpSocket', `tcp :${p.tcpSocket.port}`]
      : p.grpc
        ? ['grpc', `grpc :${p.grpc.port}${p.grpc.service ? ` ${p.grpc.service}` : ''}`]
        : ['exec', (p.exec?.command ?? []).join(' ')];
  return [
    {
      kind,
      type,
      target: String(target),
      periodSeconds: p.periodSeconds ?? 10,
      timeoutSeconds: p.timeoutSeconds ?? 1,
      failureThreshold: p.failureThreshold ?? 3,
      initialDelaySeconds: p.initialDelaySeconds ?? 0,
    },
  ];
}

function containerOf(c: K8sContainer, st: K8sStatus | undefined, init: boolean): ContainerDetail {
  const digest = st?.imageID?.includes('@') ? st.imageID.split('@').pop() : undefined;
  const last = st?.lastState && (st.lastState.terminated || st.lastState.waiting) ? stateOf(st.lastState) : undefined;
  return {
    name: c.name,
    init,
    image: st?.image ?? c.image ?? '',
    ...(digest ? { digest } : {}),
    ready: !!st?.ready,
    restarts: st?.restartCount ?? 0,
    state: stateOf(st?.state),
    ...(last ? { lastTermination: last } : {}),
    probes: [
      ...probeOf('startup', c.startupProbe),
      ...probeOf('liveness', c.livenessProbe),
      ...probeOf('readiness', c.readinessProbe),
    ],
    requests: { ...(c.resources?.requests ?? {}) } as Record<string, string>,
    limits: { ...(c.resources?.limits ?? {}) } as Record<string, string>,
  };
}

/** The pod template a ControllerRevision records (its data replaces the template). */
function templateOf(s: Stores, ns: string, name: string | undefined): Record<string, unknown> | undefined {
  if (!name) return undefined;
  const data = s.ControllerRevision.get(ns, name)?.data as
    { spec?: { template?: Record<string, unknown> } } | undefined;
  const t = data?.spec?.template;
  if (!t) return undefined;
  const { $patch: _p, ...rest } = t;
  return rest;
}

/** `/spec/containers/0/image` as `spec.containers[kafka].image`, naming list items by their `name`. */
function readablePath(doc: unknown, pointer: string): string {
  let at: unknown = doc;
  const out: string[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at)) {
      const item = at[Number(key)] as { name?: string } | undefined;
      out[out.length - 1] += `[${item?.name ?? key}]`;
      at = item;
    } else {
      out.push(key);
      at = (at as Record<string, unknown> | undefined)?.[key];
    }
  }
  return out.join('.');
}

const shown = (v: unknown): string | undefined =>
  v === undefined ? undefined : (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 300);

/** What changed between two pod templates (a kept diff library: fast-json-patch), at most 50 changes. */
export function templateChanges(from: Record<string, unknown>, to: Record<string, unknown>): RevisionChange[] {
  return fastJsonPatch
    .compare(from, to)
    .slice(0, 50)
    .map((op) => {
      const before = op.op === 'add' ? undefined : fastJsonPatch.getValueByPointer(from, op.path);
      const after = op.op === 'remove' ? undefined : (op as { value?: unknown }).value;
      return {
        path: readablePath(op.op === 'add' ? to : from, op.path),
        ...opt('from', shown(before)),
        ...opt('to', shown(after)),
      };
    });
}

/** The pod's commands (lib/kubectl.ts), with logs named per container and the previous one's when it restarted. */
function podCommands(pod: Pod, containers: ContainerDetail[]): string[] {
  const restarted = containers.find((c) => c.restarts > 0 || c.lastTermination);
  return kubectlFor({ kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name }, [
    containers.length > 1 ? { container: containers[0].name } : {},
    ...(restarted ? [{ container: restarted.name, previous: true }] : []),
  ]);
}

export function podDetail(pod: Pod, s: Stores, now: number, history?: ConfigHistory): PodDetail {
  const ns = String(pod.metadata.namespace);
  const statuses = new Map(
    [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((st) => [st.name, st]),
  );
  const containers = [
    ...(pod.spec.initContainers ?? []).map((c) => containerOf(c, statuses.get(c.name), true)),
    ...(pod.spec.containers ?? []).map((c) => containerOf(c, statuses.get(c.name), false)),
  ];
  const health = podHealth(pod, s, now);
  const unhealthy = latestEvent(s, pod.metadata.uid, (e) => e.reason === 'Unhealthy');
  const sts = ownerStatefulSet(pod, s);
  const cur = sts?.status?.currentRevision;
  const upd = sts?.status?.updateRevision;
  const [a, b] = [templateOf(s, ns, cur), templateOf(s, ns, upd)];
  const stale = new Set(podDrift(pod, s, history).map((d) => d.source));
  const claims = (pod.spec.volumes ?? []).flatMap((v) => {
    const name = v.persistentVolumeClaim?.claimName;
    const c = name ? s.PersistentVolumeClaim.get(ns, name) : undefined;
    if (!name) return [];
    if (!c) return [{ name, phase: 'Missing', status: 'error' as const }];
    const n = claimNode(c, s, now);
    return [
      {
        name,
        phase: n.info.phase,
        status: n.status,
        ...opt('volume', n.info.volume),
        ...opt('storageClass', n.info.storageClass),
      },
    ];
  });
  return {
    name: pod.metadata.name,
    namespace: ns,
    status: health.status,
    ...opt('reason', health.finding?.message),
    findings: health.finding ? [health.finding] : [],
    phase: podState(pod),
    ...opt('node', pod.spec.nodeName),
    ...opt('podIP', pod.status?.podIP),
    ...opt('qos', pod.status?.qosClass),
    ...opt('createdAt', pod.metadata.creationTimestamp),
    ...opt('startedAt', pod.status?.startTime ? String(pod.status.startTime) : undefined),
    ...(sts ? { owner: { kind: 'StatefulSet', name: sts.metadata.name } } : {}),
    ...(sts && ordinalOf(sts, pod) !== undefined ? { ordinal: ordinalOf(sts, pod) } : {}),
    ...opt('revision', revisionOf(pod)),
    containers,
    ...(unhealthy
      ? {
          lastProbeFailure: {
            message: unhealthy.message ?? '',
            count: unhealthy.count ?? 1,
            lastSeen: eventTime(unhealthy) || null,
          },
        }
      : {}),
    claims,
    config: consumptions(pod).map((c) => ({ source: c.source, mode: c.mode, stale: stale.has(c.source) })),
    events: recentEvents(s, [pod.metadata.uid]),
    ...(cur && upd && cur !== upd && a && b
      ? { rollout: { currentRevision: cur, updateRevision: upd, changes: templateChanges(a, b) } }
      : {}),
    kubectl: podCommands(pod, containers),
  };
}
