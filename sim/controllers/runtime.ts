import type { Registry } from '../registry/registry';
import { StatusError } from '../registry/errors';
import type { Store, StoreEvent } from '../store/store';
import type { EventRecorder } from './events';

/** How long the simulated cluster takes for the things a real one does slowly. */
export interface Timing {
  /** Scheduled → containers running (image pull and start). */
  podStartMs: number;
  /** Running → Ready (readiness probe passing). */
  podReadyMs: number;
  /** Claim → provisioned volume. */
  provisionMs: number;
  /** Graceful pod termination, capped at the pod's own grace period. */
  terminationMs: number;
  /** Interval between restarts of a crash-looping container. */
  crashLoopMs: number;
}

export const DEMO_TIMING: Timing = {
  podStartMs: 700,
  podReadyMs: 800,
  provisionMs: 400,
  terminationMs: 800,
  crashLoopMs: 10_000,
};
export const FAST_TIMING: Timing = {
  podStartMs: 30,
  podReadyMs: 30,
  provisionMs: 20,
  terminationMs: 30,
  crashLoopMs: 2_000,
};

export interface ControllerContext {
  registry: Registry;
  store: Store;
  timing: Timing;
  events: EventRecorder;
  /** A timer the manager cancels on shutdown. */
  after(ms: number, fn: () => void): void;
}

export interface Controller {
  readonly name: string;
  /** Routes a store change to the keys this controller must reconcile. */
  observe(ev: StoreEvent, enqueue: (key: string) => void): void;
  reconcile(key: string, requeue: (key: string, afterMs: number) => void): void;
  /** Keys to reconcile once at start (objects loaded before the controller ran). */
  initialKeys?(): string[];
}

/**
 * Runs controllers like kube-controller-manager: store changes enqueue keys,
 * a deduplicating queue per controller reconciles them off the write path, and a
 * conflict (another writer got there first) retries shortly after.
 */
export class ControllerManager {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly queues = new Map<Controller, Set<string>>();
  private scheduled = false;
  private unsubscribe?: () => void;
  private stopped = false;

  private readonly controllers: Controller[];
  readonly context: ControllerContext;

  constructor(
    readonly ctx: Omit<ControllerContext, 'after'>,
    build: (ctx: ControllerContext) => Controller[],
  ) {
    this.context = { ...ctx, after: (ms, fn) => this.after(ms, fn) };
    this.controllers = build(this.context);
  }

  start(): void {
    for (const c of this.controllers) {
      this.queues.set(c, new Set());
      for (const k of c.initialKeys?.() ?? []) this.enqueue(c, k);
    }
    this.unsubscribe = this.ctx.store.subscribe((ev) => {
      for (const c of this.controllers) c.observe(ev, (key) => this.enqueue(c, key));
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
  }

  /** True when no reconcile is queued: a scenario step waits for this and its own condition. */
  get idle(): boolean {
    return [...this.queues.values()].every((q) => q.size === 0);
  }

  private enqueue(c: Controller, key: string): void {
    this.queues.get(c)?.add(key);
    if (!this.scheduled && !this.stopped) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    for (const c of this.controllers) {
      const q = this.queues.get(c);
      if (!q || q.size === 0) continue;
      const keys = [...q];
      q.clear();
      for (const key of keys) this.run(c, key);
    }
  }

  private run(c: Controller, key: string): void {
    const requeue = (k: string, afterMs: number) => this.after(afterMs, () => this.enqueue(c, k));
    try {
      c.reconcile(key, requeue);
    } catch (e) {
      if (e instanceof StatusError && (e.code === 409 || e.code === 404)) {
        requeue(key, 20);
        return;
      }
      console.error(`sim: controller ${c.name} failed on ${key}:`, e);
      requeue(key, 1000);
    }
  }
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
