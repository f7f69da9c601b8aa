import { indexValues, type Stores } from '../cache/indexes';
import type { ReadStore, StoreChange } from '../cache/store';
import type { KObject } from '../cache/types';
import type { WatchedKind } from '../kube/kinds';

/**
 * What a derivation read of the stores, as keys a store change can be matched against — the
 * dependencies of one graph entry, recorded rather than declared, so no table of "what reads
 * what" can fall behind the derivations:
 * - `Kind|k|ns/name` — `get` of one object (present or not: creating it is a change too);
 * - `Kind|n|ns` — `list(ns)`; `Kind|a` — `list()` of every namespace; `Kind|s` — `namespaces()`;
 * - `Kind|i|index|value` — `byIndex(index, value)`;
 * - `Kind|h` — `hidden()`, which changes only when the kind is relisted or forgotten;
 * - `Kind|g|ns/name` — a `get` inside `specRead`: the derivation reads the object's name and spec
 *   only, so its controller's status updates (most of a StatefulSet's changes) do not touch it.
 */
export type Read = string;

const objectRead = (kind: string, key: string): Read => `${kind}|k|${key}`;
const listRead = (kind: string, ns: string | undefined): Read => (ns === undefined ? `${kind}|a` : `${kind}|n|${ns}`);
const indexRead = (kind: string, index: string, value: string): Read => `${kind}|i|${index}|${value}`;

let specOnly = false;

/**
 * Runs `read` (a `get`) as a read of the object's name and spec alone. The contract is the
 * apiserver's: `metadata.generation` moves on every change of the spec, and only then.
 */
export function specRead<T>(read: () => T): T {
  const outer = specOnly;
  specOnly = true;
  try {
    return read();
  } finally {
    specOnly = outer;
  }
}

/** Whether a change may have changed the object's spec: it came, went, or its generation moved (or it has none). */
function specMayHaveChanged(c: StoreChange): boolean {
  const [a, b] = [c.old?.metadata.generation, c.obj?.metadata.generation];
  return !c.old || !c.obj || a === undefined || a !== b;
}

/** The reads a change can make stale: its object, its namespace's and every list, the index values it enters or leaves. */
export function readsChanged(c: StoreChange): Read[] {
  const out = new Set<Read>([objectRead(c.kind, c.key), listRead(c.kind, undefined), `${c.kind}|s`]);
  if (specMayHaveChanged(c)) out.add(`${c.kind}|g|${c.key}`);
  out.add(listRead(c.kind, c.namespace ?? ''));
  for (const o of [c.old, c.obj]) {
    if (!o) continue;
    for (const [index, value] of indexValues(c.kind, o)) out.add(indexRead(c.kind, index, value));
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
    for (const [kind, store] of Object.entries(inner) as Array<[WatchedKind, ReadStore]>) wrapped[kind] = this.wrap(kind, store);
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
        const key = ns ? `${ns}/${name}` : name;
        this.note(specOnly ? `${kind}|g|${key}` : objectRead(kind, key));
        return store.get(ns, name);
      },
      list: (ns) => (this.note(listRead(kind, ns)), store.list(ns)),
      namespaces: () => (this.note(`${kind}|s`), store.namespaces()),
      byIndex: (index, value) => (this.note(indexRead(kind, index, value)), store.byIndex(index, value)),
      hidden: (ns) => (this.note(`${kind}|h`), store.hidden(ns)),
    };
  }
}
