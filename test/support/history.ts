import type { SyncState } from '@/lib/wire/topology';
import type { RecordedCache } from '@/server/audit/recorder';
import { allStores, type LiveStores } from '@/server/cache/indexes';
import type { StoreChange } from '@/server/cache/store';
import { Recorder } from '@/server/audit/recorder';
import { HistoryStore } from '@/server/audit/store';
import { normalize } from '@/server/cache/normalize';
import type { ConfigMap } from '@/server/cache/types';
import { createStores } from '@/server/cache/view';

/** The cache as the recorder reads it, over real stores, every kind synced: for history unit tests. */
export function recordedCache(stores: LiveStores): RecordedCache {
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

/**
 * A history of two namespaces' ConfigMaps (`cfg`, uids `u-team-a`, `u-team-b`) each edited six
 * times, a minute apart from 10:01 on 2026-11-01 (resourceVersions 1–6, data.v 0–5).
 */
export function twoNamespacesHistory(path = ':memory:'): HistoryStore {
  const store = new HistoryStore(path, { exclusive: path !== ':memory:' });
  const stores = createStores();
  let t = Date.parse('2026-11-01T10:00:00Z');
  const rec = new Recorder(store, recordedCache(stores), {
    cluster: 'c',
    kinds: ['ConfigMap'],
    flushMs: 60_000,
    now: () => new Date(t),
  });
  rec.start();
  for (let i = 0; i < 6; i++) {
    t += 60_000;
    for (const ns of ['team-a', 'team-b']) {
      stores.ConfigMap.upsert(
        normalize('ConfigMap', 'v1', {
          metadata: { name: 'cfg', namespace: ns, uid: `u-${ns}`, resourceVersion: String(i + 1) },
          data: { v: String(i) },
        }) as ConfigMap,
      );
    }
    rec.flush();
  }
  rec.stop();
  return store;
}

/**
 * One history file recorded by two clusters, `east` and `west`, their changes interleaved (each
 * of west's inside east's span): ConfigMaps `east-cfg` (namespace `shop`) and `west-cfg`
 * (namespace `shop` too, data `west-marker-N`), six versions each, a minute apart from 10:01.
 */
export function twoClustersHistory(): HistoryStore {
  const store = new HistoryStore(':memory:');
  let t = Date.parse('2026-11-01T10:00:00Z');
  const recorders = ['east', 'west'].map((cluster) => {
    const stores = createStores();
    const rec = new Recorder(store, recordedCache(stores), {
      cluster,
      kinds: ['ConfigMap'],
      flushMs: 60_000,
      now: () => new Date(t),
    });
    rec.start();
    return { cluster, stores, rec };
  });
  for (let i = 0; i < 6; i++) {
    t += 60_000;
    for (const { cluster, stores, rec } of recorders) {
      stores.ConfigMap.upsert(
        normalize('ConfigMap', 'v1', {
          metadata: { name: `${cluster}-cfg`, namespace: 'shop', uid: `u-${cluster}`, resourceVersion: String(i + 1) },
          data: { v: `${cluster}-marker-${i}` },
        }) as ConfigMap,
      );
      rec.flush();
    }
  }
  for (const { rec } of recorders) rec.stop();
  return store;
}
