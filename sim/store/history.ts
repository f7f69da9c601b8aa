import type { ResourceType } from '../model/resources';
import type { KubeObject } from '../model/types';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: ChangeType;
  resource: ResourceType;
  object: KubeObject;
  /** The object before this change (MODIFIED, DELETED): lets a filtered watch turn moves into ADDED/DELETED. */
  previous?: KubeObject;
}

/**
 * The retained window of changes, like etcd's history before compaction.
 * Contract: every event with rv > floor is retained; a watch from rv < floor is expired (410).
 */
export class History {
  private events: StoreEvent[] = [];
  private start = 0; // index of the first live element in `events`
  floor = 0;

  constructor(private readonly capacity: number) {}

  push(ev: StoreEvent): void {
    this.events.push(ev);
    if (this.events.length - this.start > this.capacity) {
      this.floor = this.events[this.start].rv;
      this.start++;
      if (this.start > 4096 && this.start * 2 > this.events.length) {
        this.events = this.events.slice(this.start);
        this.start = 0;
      }
    }
  }

  /** Drops every retained event: older resourceVersions than `rv` become too old. */
  compact(rv: number): void {
    this.events = [];
    this.start = 0;
    this.floor = rv;
  }

  /** Events after `rv` for one resource, or undefined when `rv` is older than the window. */
  since(rv: number, resource: ResourceType): StoreEvent[] | undefined {
    if (rv < this.floor) return undefined;
    const out: StoreEvent[] = [];
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.events.length; i++) {
      if (this.events[i].resource === resource) out.push(this.events[i]);
    }
    return out;
  }

  get size(): number {
    return this.events.length - this.start;
  }
}
