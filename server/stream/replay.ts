import { isEmptyChange as isEmpty } from '@/lib/wire/apply';
import type { TopologyChange } from '@/lib/wire/topology';

/** One emitted change: the whole cluster's, and each namespace's share of it. */
export interface ChangeEvent {
  revision: number;
  cluster: TopologyChange;
  namespaces: Map<string, TopologyChange>;
}

/**
 * The changes kept for viewers resuming with Last-Event-ID: the last `replay` changes, and no
 * more than `replayItems` nodes and edges in all (under steady churn at 20,000 pods, 500 changes
 * held every rebuilt namespace's nodes several times over: ~400 MB). A viewer beyond what is
 * kept gets a snapshot instead.
 */
export class ReplayLog {
  private readonly recent: ChangeEvent[] = [];
  private items = 0;

  constructor(private readonly o: { replay?: number; replayItems?: number } = {}) {}

  keep(event: ChangeEvent): void {
    this.recent.push(event);
    this.items += size(event);
    const most = this.o.replay ?? 500;
    const mostItems = this.o.replayItems ?? 50_000;
    while (this.recent.length > 1 && (this.recent.length > most || this.items > mostItems)) {
      const dropped = this.recent.shift();
      if (dropped) this.items -= size(dropped);
    }
  }

  /** The changes after `revision` (the current one is `current`) for a scope, or undefined when no longer kept. */
  since(revision: number, current: number, namespace?: string): TopologyChange[] | undefined {
    if (revision === current) return [];
    const first = this.recent[0];
    if (!first || revision < first.revision - 1 || revision > current) return undefined;
    return this.recent
      .filter((e) => e.revision > revision)
      .map((e) => (namespace === undefined ? e.cluster : e.namespaces.get(namespace)))
      .filter((c): c is TopologyChange => !!c && !isEmpty(c));
  }
}

function size(e: ChangeEvent): number {
  return e.cluster.upsertNodes.length + e.cluster.upsertEdges.length;
}
