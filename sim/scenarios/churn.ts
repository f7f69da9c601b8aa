import { isPodReady } from '../controllers/podview';
import { setCondition } from '../controllers/scheduler';
import type { JsonObject, KubeObject } from '../model/types';
import { resources } from '../registry/lookup';
import type { Cluster } from '../cluster';

export interface ChurnChange {
  id: string;
  ready: false;
  t: number;
}

export interface ChurnState {
  running: boolean;
  rate: number;
  changes: ChurnChange[];
}

const MAX_LOG = 200_000;

/**
 * Steady change for load tests: `rate` times a second a Ready pod's readiness probe fails
 * (Ready and ContainersReady turn False, as the kubelet writes them); the kubelet passes it
 * again after its ready delay. Each failure is logged with its time, so a client can
 * measure how long the change takes to reach it: `Pod/<namespace>/<name>` went unready at `t`.
 */
export class Churn {
  private timer?: NodeJS.Timeout;
  private state: ChurnState = { running: false, rate: 0, changes: [] };

  constructor(private readonly cluster: Cluster) {}

  /** Starts (or restarts) churn over the pods of `namespaces` (all when empty) for `seconds`. */
  start(rate: number, seconds: number, namespaces: string[]): ChurnState {
    this.stop();
    this.state = { running: true, rate, changes: [] };
    const inScope = (p: KubeObject) => !namespaces.length || namespaces.includes(p.metadata.namespace ?? '');
    const pods = () => this.cluster.store.list(resources.pods).filter(inScope);
    let pool = pods();
    const started = Date.now();
    let done = 0;
    const tick = () => {
      const elapsed = Date.now() - started;
      if (elapsed >= seconds * 1000) return this.stop();
      const due = Math.floor((elapsed / 1000) * rate);
      for (; done < due; done++) {
        if (pool.length === 0) pool = pods();
        const i = Math.floor(Math.random() * pool.length);
        const pod = pool[i];
        pool[i] = pool[pool.length - 1];
        pool.pop();
        this.fail(pod);
      }
    };
    this.timer = setInterval(tick, 5);
    return this.describe();
  }

  private fail(pod: KubeObject | undefined): void {
    const cur = pod && this.cluster.store.get(resources.pods, pod.metadata.namespace, pod.metadata.name);
    if (!cur || !isPodReady(cur) || this.state.changes.length >= MAX_LOG) return;
    this.cluster.registry.mutate(
      resources.pods,
      cur,
      (p) => {
        (p as JsonObject).status = { ...((p as JsonObject).status as JsonObject) };
        setCondition(p, { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady' });
        setCondition(p, {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: 'Readiness probe failed',
        });
      },
      { manager: 'kubelet', subresource: 'status' },
    );
    this.state.changes.push({ id: `Pod/${cur.metadata.namespace}/${cur.metadata.name}`, ready: false, t: Date.now() });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.state.running = false;
  }

  describe(): ChurnState {
    return this.state;
  }
}
