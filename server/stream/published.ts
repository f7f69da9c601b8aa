import type { NodeKind } from '@/lib/wire/kinds';

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
