/**
 * The engine's snapshots, published for the edge server: it runs outside Next's server
 * bundles (no `react-server` condition, so it cannot load the runtime), yet must reach the
 * one engine of the process. The runtime publishes it here, under a process-wide key.
 */

import type { NodeKind } from '@/lib/wire/kinds';
import type { SyncState, Topology } from '@/lib/wire/topology';
import type { ReflectorCounts } from '../kube/reflector';
import { processSlot } from '../settings/process';

export interface PublishedSnapshots {
  /** The snapshot of a scope at the current revision: the same object until the next change. */
  snapshot(namespace?: string, kinds?: NodeKind[]): Topology;
}

const snapshots = () => processSlot<PublishedSnapshots>('snapshots');

export function publishSnapshots(source: PublishedSnapshots): void {
  snapshots().value = source;
}

/** The published snapshots, or undefined before the runtime has started. */
export function publishedSnapshots(): PublishedSnapshots | undefined {
  return snapshots().value;
}

type LagObserver = (ms: number) => void;

const lagObserver = () => processSlot<LagObserver>('lagObserver');

/** The edge's metrics observe the event lag (a change reaching the engine → its revision emitted); set once by them. */
export function setLagObserver(fn: LagObserver): void {
  lagObserver().value = fn;
}

export function observeLag(ms: number): void {
  lagObserver().value?.(ms);
}

/** What the edge's /metrics reads of the runtime at each scrape. */
export interface RuntimeStats {
  syncStatus(): Record<string, SyncState>;
  reflectorCounts(): Record<string, ReflectorCounts>;
  objects(): Record<string, number>;
}

const stats = () => processSlot<RuntimeStats>('runtimeStats');

export function publishRuntimeStats(s: RuntimeStats): void {
  stats().value = s;
}

/** The runtime's stats, or undefined before it has started (or when it could not). */
export function publishedRuntimeStats(): RuntimeStats | undefined {
  return stats().value;
}
