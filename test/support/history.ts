import type { SyncState } from '@/lib/wire/topology';
import type { RecordedCache } from '@/server/audit/recorder';
import { allStores, type Stores } from '@/server/cache/indexes';
import type { StoreChange } from '@/server/cache/store';

/** The cache as the recorder reads it, over real stores, every kind synced: for history unit tests. */
export function recordedCache(stores: Stores): RecordedCache {
  return {
    onChange: (fn: (c: StoreChange) => void) => {
      const offs = allStores(stores).map((s) => s.onChange(fn));
      return () => offs.forEach((off) => off());
    },
    onState: () => () => undefined,
    syncStatus: (): Record<string, SyncState> =>
      Object.fromEntries(allStores(stores).map((s) => [s.kind, { state: 'synced' as const }])),
    has: (kind, ns, name, uid) =>
      allStores(stores)
        .find((s) => s.kind === kind)
        ?.get(ns, name)?.metadata.uid === uid,
  };
}
