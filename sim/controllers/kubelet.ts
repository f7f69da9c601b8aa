import { createHash } from 'node:crypto';
import { nowTime } from '../model/meta';
import type { JsonObject, KubeObject } from '../model/types';
import { resources } from '../registry/lookup';
import type { StoreEvent } from '../store/store';
import { containers, isPodReady, podPhase, podSpec, podStatus, SIM_ANNOTATIONS } from './podview';
import type { Controller, ControllerContext } from './runtime';
import { splitKey } from './runtime';
import { setCondition } from './scheduler';

const COMPONENT = 'kubelet';

/**
 * The kubelets of every node: start containers of scheduled pods after a delay,
 * pass readiness after another, crash-loop or stay unready where a scenario's
 * annotation says so, and finish graceful deletions.
 * Annotations (on the pod or its template): sim.ordinal.dev/never-ready,
 * sim.ordinal.dev/crash-loop, sim.ordinal.dev/image-pull-error.
 */
export class Kubelet implements Controller {
  readonly name = 'kubelet';
  private readonly pending = new Set<string>(); // "uid|stage" with a timer outstanding
  private nextIp = 10;

  constructor(private readonly ctx: ControllerContext) {}

  initialKeys(): string[] {
    return this.ctx.store.list(resources.pods).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  }

  observe(ev: StoreEvent, enqueue: (key: string) => void): void {
    if (ev.resource !== resources.pods) return;
    if (ev.type === 'DELETED') this.pending.delete(`${ev.object.metadata.uid}|unready-reported`);
    else enqueue(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.get(resources.pods, namespace, name);
    if (!pod || !podSpec(pod).nodeName) return;
    const uid = String(pod.metadata.uid);
    const t = this.ctx.timing;
    if (pod.metadata.deletionTimestamp) {
      if (isPodReady(pod) || podPhase(pod) === 'Pending') this.markTerminating(pod);
      const graceMs = Math.min(t.terminationMs, (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000);
      return this.later(pod, 'terminate', graceMs, (p) => {
        if ((p.metadata.finalizers ?? []).length === 0) this.ctx.registry.finishDeletion(resources.pods, p);
      });
    }
    const phase = podPhase(pod);
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const ann = pod.metadata.annotations ?? {};
    if (ann[SIM_ANNOTATIONS.imagePullError] === 'true')
      return this.later(pod, 'pull', t.podStartMs, (p) => this.imagePullError(p));
    if (!podStatus(pod).startTime || phase === 'Pending')
      return this.later(pod, 'start', t.podStartMs, (p) => this.start(p));
    if (ann[SIM_ANNOTATIONS.crashLoop] === 'true') return this.later(pod, `crash`, t.crashLoopMs, (p) => this.crash(p));
    if (isPodReady(pod)) return;
    if (ann[SIM_ANNOTATIONS.neverReady] === 'true') return this.reportUnready(pod, uid);
    this.later(pod, 'ready', t.podReadyMs, (p) => this.ready(p));
  }

  /** Runs `fn` on the same pod (same uid) after `ms`, once per stage. */
  private later(pod: KubeObject, stage: string, ms: number, fn: (p: KubeObject) => void): void {
    const uid = String(pod.metadata.uid);
    const id = `${uid}|${stage}`;
    if (this.pending.has(id)) return;
    this.pending.add(id);
    this.ctx.after(ms, () => {
      this.pending.delete(id);
      const cur = this.ctx.store.get(resources.pods, pod.metadata.namespace, pod.metadata.name);
      if (cur && cur.metadata.uid === uid) fn(cur);
    });
  }

  private writeStatus(pod: KubeObject, edit: (status: JsonObject, p: KubeObject) => void): KubeObject {
    return this.ctx.registry.mutate(
      resources.pods,
      pod,
      (p) => {
        const o = p as JsonObject;
        o.status = { ...podStatus(p) };
        edit(o.status as JsonObject, p);
      },
      { manager: COMPONENT, subresource: 'status' },
    );
  }

  private baseStatus(status: JsonObject, pod: KubeObject): void {
    const node = String(podSpec(pod).nodeName);
    const ip = this.allocateIp();
    status.hostIP = nodeIp(node);
    status.hostIPs = [{ ip: status.hostIP }];
    status.podIP = ip;
    status.podIPs = [{ ip }];
    status.startTime = nowTime();
    setCondition(pod, { type: 'PodReadyToStartContainers', status: 'True' });
    setCondition(pod, { type: 'Initialized', status: 'True' });
  }

  private start(pod: KubeObject): void {
    if (podStatus(pod).phase === 'Running') return;
    const now = nowTime();
    const updated = this.writeStatus(pod, (status, p) => {
      this.baseStatus(status, p);
      status.phase = 'Running';
      status.containerStatuses = containers(p).map((c) =>
        containerStatus(c, { running: { startedAt: now } }, false, 0),
      );
      setCondition(p, {
        type: 'ContainersReady',
        status: 'False',
        reason: 'ContainersNotReady',
        message: `containers with unready status: [${containers(p)
          .map((c) => c.name)
          .join(' ')}]`,
      });
      setCondition(p, {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        message: `containers with unready status: [${containers(p)
          .map((c) => c.name)
          .join(' ')}]`,
      });
    });
    for (const c of containers(pod)) {
      this.ctx.events.record(
        updated,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
        COMPONENT,
      );
      this.ctx.events.record(updated, 'Normal', 'Created', `Created container: ${c.name}`, COMPONENT);
      this.ctx.events.record(updated, 'Normal', 'Started', `Started container ${c.name}`, COMPONENT);
    }
  }

  private ready(pod: KubeObject): void {
    if (pod.metadata.annotations?.[SIM_ANNOTATIONS.neverReady] === 'true') return;
    this.writeStatus(pod, (status, p) => {
      status.containerStatuses = (
        Array.isArray(status.containerStatuses) ? (status.containerStatuses as JsonObject[]) : []
      ).map((cs) => ({ ...cs, ready: true }));
      setCondition(p, { type: 'ContainersReady', status: 'True' });
      setCondition(p, { type: 'Ready', status: 'True' });
    });
  }

  private reportUnready(pod: KubeObject, uid: string): void {
    if (this.pending.has(`${uid}|unready-reported`)) return;
    this.pending.add(`${uid}|unready-reported`);
    const failure = probeFailure(pod);
    if (failure) this.ctx.events.record(pod, 'Warning', 'Unhealthy', `Readiness probe failed: ${failure}`, COMPONENT);
  }

  private crash(pod: KubeObject): void {
    const now = nowTime();
    const updated = this.writeStatus(pod, (status, p) => {
      const prev = Array.isArray(status.containerStatuses) ? (status.containerStatuses as JsonObject[]) : [];
      status.containerStatuses = containers(p).map((c, i) => {
        const restarts = Number(prev[i]?.restartCount ?? 0) + 1;
        const cs = containerStatus(
          c,
          {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 10s restarting failed container=${c.name} pod=${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`,
            },
          },
          false,
          restarts,
        );
        cs.lastState = {
          terminated: { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now, containerID: cs.containerID },
        };
        return cs;
      });
      setCondition(p, { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady' });
      setCondition(p, { type: 'Ready', status: 'False', reason: 'ContainersNotReady' });
    });
    this.ctx.events.record(updated, 'Warning', 'BackOff', 'Back-off restarting failed container', COMPONENT);
  }

  private imagePullError(pod: KubeObject): void {
    if (podStatus(pod).containerStatuses) return;
    const updated = this.writeStatus(pod, (status, p) => {
      this.baseStatus(status, p);
      status.containerStatuses = containers(p).map((c) =>
        containerStatus(
          c,
          { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } },
          false,
          0,
        ),
      );
      setCondition(p, { type: 'Ready', status: 'False', reason: 'ContainersNotReady' });
    });
    for (const c of containers(pod))
      this.ctx.events.record(updated, 'Warning', 'Failed', `Failed to pull image "${c.image}": not found`, COMPONENT);
  }

  private markTerminating(pod: KubeObject): void {
    this.writeStatus(pod, (status, p) => {
      status.containerStatuses = (
        Array.isArray(status.containerStatuses) ? (status.containerStatuses as JsonObject[]) : []
      ).map((cs) => ({ ...cs, ready: false }));
      setCondition(p, { type: 'ContainersReady', status: 'False', reason: 'PodTerminating' });
      setCondition(p, { type: 'Ready', status: 'False', reason: 'PodTerminating' });
    });
    for (const c of containers(pod))
      this.ctx.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, COMPONENT);
  }

  private allocateIp(): string {
    const n = this.nextIp++;
    return `10.244.${(n >> 8) & 255}.${n & 255}`;
  }
}

function containerStatus(c: JsonObject, state: JsonObject, ready: boolean, restartCount: number): JsonObject {
  const image = String(c.image ?? '');
  const digest = createHash('sha256').update(image).digest('hex');
  return {
    name: c.name,
    image,
    imageID: `${image.split(':')[0]}@sha256:${digest}`,
    containerID: `containerd://${createHash('sha256').update(`${image}${Math.random()}`).digest('hex')}`,
    ready,
    started: 'running' in state,
    restartCount,
    state,
    lastState: {},
  };
}

export function nodeIp(node: string): string {
  const m = /(\d+)$/.exec(node);
  return `172.18.0.${m ? Number(m[1]) + 1 : 2}`;
}

/**
 * How the kubelet words a failed readiness probe, by the probe's type (prober/prober.go and the
 * probe packages): an HTTP status, a refused TCP dial, a command's exit, a gRPC health answer.
 * No probe, no probe failure.
 */
export function probeFailure(pod: KubeObject): string | undefined {
  const probe = containers(pod)
    .map((c) => c.readinessProbe as JsonObject | undefined)
    .find(Boolean);
  if (!probe) return undefined;
  const ip = String(podStatus(pod).podIP ?? '10.244.0.1');
  if (probe.httpGet) return 'HTTP probe failed with statuscode: 503';
  if (probe.tcpSocket)
    return `dial tcp ${ip}:${String((probe.tcpSocket as JsonObject).port)}: connect: connection refused`;
  if (probe.grpc) return 'service unhealthy (responded with "NOT_SERVING")';
  if (probe.exec)
    return `command ${JSON.stringify(((probe.exec as JsonObject).command as string[] | undefined)?.join(' ') ?? '')} exited with 1`;
  return undefined;
}
