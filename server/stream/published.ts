import type { NodeKind } from '@/lib/wire/kinds';
import type { SyncState } from '@/lib/wire/topology';
import type { ReflectorCounts } from '../kube/reflector';

/**
 * The engine's snapshots, published for the edge server: it runs outside Next's server
 * bundles (no `react-server` condition, so it cannot load the runtime), yet must reach the
 * one engine of the process. The runtime publishes it here, under a process-wide key.
 */
export interface PublishedSnapshots {
  snapshotBytes(namespace?: string, kinds?: NodeKind[]): { revision: number; json: Uint8Array };
}

const KEY = Symbol.for('ordinal.snapshots');

export function publishSnapshots(source: PublishedSnapshots): void {
  (globalThis as unknown as Record<symbol, PublishedSnapshots | undefined>)[KEY] = source;
}

/** The published snapshots, or undefined before the runtime has started. */
export function publishedSnapshots(): PublishedSnapshots | undefined {
  return (globalThis as unknown as Record<symbol, PublishedSnapshots | undefined>)[KEY];
}

const LAG = Symbol.for('ordinal.lagObserver');

type LagObserver = (ms: number) => void;

/** The edge's metrics observe the event lag (a change reaching the engine → its revision emitted); set once by them. */
export function setLagObserver(fn: LagObserver): void {
  (globalThis as unknown as Record<symbol, LagObserver | undefined>)[LAG] = fn;
}

export function observeLag(ms: number): void {
  (globalThis as unknown as Record<symbol, LagObserver | undefined>)[LAG]?.(ms);
}

/** What the edge's /metrics reads of the runtime at each scrape. */
export interface RuntimeStats {
  syncStatus(): Record<string, SyncState>;
  reflectorCounts(): Record<string, ReflectorCounts>;
  objects(): Record<string, number>;
}

const STATS = Symbol.for('ordinal.runtimeStats');

export function publishRuntimeStats(s: RuntimeStats): void {
  (globalThis as unknown as Record<symbol, RuntimeStats | undefined>)[STATS] = s;
}

/** The runtime's stats, or undefined before it has started (or when it could not). */
export function publishedRuntimeStats(): RuntimeStats | undefined {
  return (globalThis as unknown as Record<symbol, RuntimeStats | undefined>)[STATS];
}
