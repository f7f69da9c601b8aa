import type { SyncState } from '@/lib/wire/topology';
import type { ChangeCause, StoreChange } from '../cache/store';
import type { KObject } from '../cache/types';
import type { RecordedCache } from './recorder';

/** An object's identity as the recorder's reconciliation asks for it (RecordedCache.has). */
export interface Identity {
  namespace?: string;
  name: string;
  uid: string;
}

/**
 * What the recorder's thread (recordthread.ts) posts to its worker, in the cache's order: a change
 * of a recorded kind (the object after it as JSON text, or who went), or a change of the sync
 * states. `replaced`: a relist found another object (uid) under the same
 * name. Text, not the object: a backlog held as strings costs the collector nothing to mark and
 * about half the heap, and a string crosses to the worker as one copy.
 */
export type Posted =
  | {
      t: 'change';
      kind: string;
      cause: ChangeCause;
      /** The object after the change as JSON text, and its identity (read without parsing it). */
      obj?: { json: string; id: Identity };
      gone?: Identity;
      replaced?: Identity;
    }
  | { t: 'state'; status: Record<string, SyncState> };

function keyOf(i: Identity): string {
  return `${i.namespace ?? ''}\0${i.name}\0${i.uid}`;
}

/** The identity fields of an object, for a message (the rest of a deleted object is not sent). */
export function identityOf(o: KObject): Identity {
  const { namespace, name, uid } = o.metadata;
  return { ...(namespace ? { namespace } : {}), name, uid };
}

/**
 * A posted change as the recorder reads it: the object is parsed when first read, so a backlog
 * waits in the worker as text until its batch is written: strings the collector need not walk, in
 * 0.7 of the heap their values take (20k pods: 53 MB of text, 75 MB parsed).
 */
class PostedChange implements StoreChange {
  readonly kind: string;
  readonly cause: ChangeCause;
  readonly key: string;
  readonly old?: KObject;
  private readonly json?: string;
  private parsed?: KObject;

  constructor(p: Extract<Posted, { t: 'change' }>) {
    this.kind = p.kind;
    this.cause = p.cause;
    this.key = p.obj?.id.name ?? p.gone?.name ?? '';
    this.json = p.obj?.json;
    if (p.gone) this.old = { kind: p.kind, metadata: p.gone } as KObject;
  }

  get obj(): KObject | undefined {
    if (this.json === undefined) return undefined;
    return (this.parsed ??= JSON.parse(this.json) as KObject);
  }
}

/**
 * The cache as the recorder's worker sees it: rebuilt from the posted stream, in order — the
 * changes of recorded kinds (handed to the recorder, `forget`s included so membership stays
 * right), which objects are in the cache (per kind, by identity: all `has` asks), and the last
 * sync states. Since the stream is the cache's own order, `has` answers as the cache did when
 * the changes before it were applied.
 */
export class MirroredCache implements RecordedCache {
  private readonly members = new Map<string, Set<string>>();
  private status: Record<string, SyncState> = {};
  private readonly changeFns = new Set<(c: StoreChange) => void>();
  private readonly stateFns = new Set<() => void>();

  apply(p: Posted): void {
    if (p.t === 'state') {
      this.status = p.status;
      for (const fn of this.stateFns) fn();
    } else this.change(p);
  }

  private change(p: Extract<Posted, { t: 'change' }>): void {
    let set = this.members.get(p.kind);
    if (!set) this.members.set(p.kind, (set = new Set()));
    if (p.replaced) set.delete(keyOf(p.replaced));
    if (p.obj) set.add(keyOf(p.obj.id));
    if (p.gone) set.delete(keyOf(p.gone));
    const change = new PostedChange(p);
    for (const fn of this.changeFns) fn(change);
  }

  onChange(fn: (c: StoreChange) => void): () => void {
    this.changeFns.add(fn);
    return () => this.changeFns.delete(fn);
  }

  onState(fn: () => void): () => void {
    this.stateFns.add(fn);
    return () => this.stateFns.delete(fn);
  }

  syncStatus(): Record<string, SyncState> {
    return this.status;
  }

  has(kind: string, namespace: string | undefined, name: string, uid: string): boolean {
    return this.members.get(kind)?.has(keyOf({ namespace, name, uid })) ?? false;
  }
}
