import { indexValues, type Stores } from '../cache/indexes';
import type { ReadStore, StoreChange } from '../cache/store';
import type { KObject } from '../cache/types';
import type { WatchedKind } from '../kube/kinds';
import { aspectApplies, aspectsOf, type Aspect } from './aspects';

/**
 * What a derivation read of the stores, as keys a store change can be matched against — the
 * dependencies of one graph entry, recorded rather than declared, so no table of "what reads
 * what" can fall behind the derivations:
 * - `Kind|k|ns/name` — `get` of one object (present or not: creating it is a change too);
 * - `Kind|n|ns` — `list(ns)`; `Kind|a` — `list()` of every namespace; `Kind|s` — `namespaces()`;
 * - `Kind|i|index|value` — `byIndex(index, value)`;
 * - `Kind|h` — `hidden()`, which changes only when the kind is relisted or forgotten;
 * - `Kind|@aspect|k|ns/name`, `Kind|@aspect|i|index|value` — a `get` or `byIndex` inside
 *   `aspectRead`: the derivation reads that aspect of the objects alone (aspects.ts), so a change
 *   that leaves it as it was does not touch the read (an index value entered or left still does).
 */
export type Read = string;

const objectRead = (kind: string, key: string): Read => `${kind}|k|${key}`;
const listRead = (kind: string, ns: string | undefined): Read => (ns === undefined ? `${kind}|a` : `${kind}|n|${ns}`);
const indexRead = (kind: string, index: string, value: string): Read => `${kind}|i|${index}|${value}`;
const inAspect = (a: Aspect | undefined, read: Read): Read => {
  const bar = read.indexOf('|');
  return a && aspectApplies(a, read.slice(0, bar)) ? `${read.slice(0, bar)}|@${a}${read.slice(bar)}` : read;
};

let aspect: Aspect | undefined;

/** Runs `read` (`get`s and `byIndex`es) as a read of one aspect of the objects alone (ASPECTS in aspects.ts). */
export function aspectRead<T>(a: Aspect, read: () => T): T {
  const outer = aspect;
  aspect = a;
  try {
    return read();
  } finally {
    aspect = outer;
  }
}

/**
 * The reads a change can make stale: its object, its namespace's and every list, the index values
 * it enters or leaves; and of each aspect of its kind, the object and its index values when the
 * aspect moved, else the index values it entered or left.
 */
export function readsChanged(c: StoreChange): Read[] {
  const out = new Set<Read>([objectRead(c.kind, c.key), listRead(c.kind, undefined), `${c.kind}|s`]);
  out.add(listRead(c.kind, c.namespace ?? ''));
  const before = new Set(
    (c.old ? indexValues(c.kind, c.old) : []).map(([index, value]) => indexRead(c.kind, index, value)),
  );
  const after = new Set(
    (c.obj ? indexValues(c.kind, c.obj) : []).map(([index, value]) => indexRead(c.kind, index, value)),
  );
  for (const read of [...before, ...after]) out.add(read);
  for (const [a, row] of aspectsOf(c.kind)) {
    const moved = !c.old || !c.obj || !row.same(c.old, c.obj);
    if (moved) out.add(inAspect(a, objectRead(c.kind, c.key)));
    for (const read of before) if (moved || !after.has(read)) out.add(inAspect(a, read));
    for (const read of after) if (moved || !before.has(read)) out.add(inAspect(a, read));
  }
  if (c.cause !== 'watch') out.add(`${c.kind}|h`);
  return [...out];
}

/**
 * The stores as derivations read them, noting every read into the sink set by `collect`:
 * wrapped once, the wrapper costs a string per read and nothing when nothing collects.
 */
export class ReadRecorder {
  readonly stores: Stores;
  private sink?: Set<Read>;

  constructor(inner: Stores) {
    const wrapped: Partial<Record<WatchedKind, ReadStore>> = {};
    for (const [kind, store] of Object.entries(inner) as Array<[WatchedKind, ReadStore]>)
      wrapped[kind] = this.wrap(kind, store);
    // Every watched kind was wrapped above; the mapped type cannot follow Object.entries.
    this.stores = wrapped as Stores;
  }

  /** Runs a derivation and returns what it read. */
  collect<T>(build: () => T): { value: T; reads: Read[] } {
    const outer = this.sink;
    const mine = new Set<Read>();
    this.sink = mine;
    try {
      return { value: build(), reads: [...mine] };
    } finally {
      this.sink = outer;
    }
  }

  private note(read: Read): void {
    this.sink?.add(read);
  }

  private wrap<T extends KObject>(kind: string, store: ReadStore<T>): ReadStore<T> {
    return {
      kind: store.kind,
      get size() {
        return store.size;
      },
      get: (ns, name) => {
        this.note(inAspect(aspect, objectRead(kind, ns ? `${ns}/${name}` : name)));
        return store.get(ns, name);
      },
      list: (ns) => (this.note(listRead(kind, ns)), store.list(ns)),
      namespaces: () => (this.note(`${kind}|s`), store.namespaces()),
      byIndex: (index, value) => (
        this.note(inAspect(aspect, indexRead(kind, index, value))),
        store.byIndex(index, value)
      ),
      hidden: (ns) => (this.note(`${kind}|h`), store.hidden(ns)),
    };
  }
}
