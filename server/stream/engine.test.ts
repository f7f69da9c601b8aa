import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TopologyChange } from '@/lib/wire/topology';
import { ConfigHistory } from '../cache/confighistory';
import { allStores } from '../cache/indexes';
import { normalize } from '../cache/normalize';
import type { StoreChange } from '../cache/store';
import type { PersistentVolume, PersistentVolumeClaim } from '../cache/types';
import { createStores } from '../cache/view';
import { TopologyEngine, type ChangeEvent } from './engine';

/** The incremental engine on hand-fed stores: parts per namespace, the union, replay, coalescing. */
function source(listed = true) {
  const stores = createStores();
  const listeners = new Set<(c: StoreChange) => void>();
  const stateFns = new Set<() => void>();
  for (const st of allStores(stores)) st.onChange((c) => listeners.forEach((fn) => fn(c)));
  return {
    stores,
    history: new ConfigHistory(),
    onChange: (fn: (c: StoreChange) => void) => (listeners.add(fn), () => listeners.delete(fn)),
    listed,
    onState: (fn: () => void) => (stateFns.add(fn), () => stateFns.delete(fn)),
    /** The cache's first lists end: `listed` latches and the state listeners hear it. */
    listFinished() {
      this.listed = true;
      stateFns.forEach((fn) => fn());
    },
  };
}

const T = '2026-01-01T00:00:00Z';
const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `${namespace ?? ''}/${name}`,
  creationTimestamp: T,
});
const cls = (name: string) =>
  normalize('StorageClass', 'storage.k8s.io/v1', { metadata: meta(name), provisioner: 'x' });
const claim = (ns: string, name: string, className: string) =>
  normalize('PersistentVolumeClaim', 'v1', {
    metadata: meta(name, ns),
    spec: { storageClassName: className, volumeName: `pv-${ns}-${name}` },
    status: { phase: 'Bound' },
  }) as PersistentVolumeClaim;
const volume = (ns: string, name: string, className: string) =>
  normalize('PersistentVolume', 'v1', {
    metadata: meta(`pv-${ns}-${name}`),
    spec: { storageClassName: className, claimRef: { namespace: ns, name } },
    status: { phase: 'Bound' },
  }) as PersistentVolume;
const cm = (ns: string, name: string) => normalize('ConfigMap', 'v1', { metadata: meta(name, ns), data: { k: 'v' } });

function setup(opts: { replay?: number; replayItems?: number; sliceMs?: number } = {}) {
  const src = source();
  const s = src.stores;
  s.StorageClass.upsert(cls('standard'));
  for (const ns of ['a', 'b']) {
    s.PersistentVolumeClaim.upsert(claim(ns, 'data', 'standard'));
    s.PersistentVolume.upsert(volume(ns, 'data', 'standard'));
  }
  const engine = new TopologyEngine(src, { coalesceMs: 5, initialRevision: 100, now: () => Date.parse(T), ...opts });
  const events: ChangeEvent[] = [];
  engine.onChange((e) => events.push(e));
  engine.start();
  events.length = 0; // the first build at start
  return { engine, s, events };
}

const ids = (c: { nodes: { id: string }[] }) => c.nodes.map((n) => n.id);

test('while the first lists arrive nothing is built; once they are in, every entry is built once', async () => {
  const src = source(false);
  const engine = new TopologyEngine(src, { coalesceMs: 5, now: () => Date.parse(T) });
  const events: ChangeEvent[] = [];
  engine.onChange((e) => events.push(e));
  engine.start();
  src.stores.StorageClass.upsert(cls('standard'));
  for (const ns of ['a', 'b']) {
    src.stores.PersistentVolumeClaim.upsert(claim(ns, 'data', 'standard'));
    src.stores.PersistentVolume.upsert(volume(ns, 'data', 'standard'));
    src.stores.ConfigMap.upsert(cm(ns, 'one'));
  }
  engine.flush();
  assert.deepEqual(ids(engine.snapshot()), [], 'nothing is drawn from half a list');
  assert.equal(engine.stats.entriesRebuilt, 0);
  assert.equal(engine.caughtUp(true), false, 'not caught up before it has built');
  src.listFinished();
  const deadline = Date.now() + 5_000;
  while (!engine.caughtUp(true) && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  assert.ok(engine.caughtUp(true), 'the build after the lists catches up');
  const all = ids(engine.snapshot());
  for (const id of [
    'StorageClass/standard',
    'PersistentVolumeClaim/b/data',
    'PersistentVolume/pv-a-data',
    'ConfigMap/a/one',
  ])
    assert.ok(all.includes(id), id);
  const scratch = new TopologyEngine(src, { now: () => Date.parse(T) });
  scratch.start();
  assert.deepEqual(ids(engine.snapshot()), ids(scratch.snapshot()));
  assert.equal(engine.stats.entriesRebuilt, scratch.stats.entriesRebuilt, 'each entry built once, as from scratch');
  scratch.stop();
  assert.ok(events.length >= 1);
  src.stores.ConfigMap.upsert(cm('a', 'two'));
  engine.flush();
  assert.ok(ids(engine.snapshot()).includes('ConfigMap/a/two'), 'changes after the lists are marked as before');
  engine.stop();
});

test('a namespace part holds its objects and the volumes and classes they reach; the cluster view is the union', () => {
  const { engine } = setup();
  assert.deepEqual(ids(engine.snapshot('a')), [
    'PersistentVolume/pv-a-data',
    'PersistentVolumeClaim/a/data',
    'StorageClass/standard',
  ]);
  const all = ids(engine.snapshot());
  assert.deepEqual(
    all.filter((id) => id === 'StorageClass/standard'),
    ['StorageClass/standard'],
    'a class shared by two namespaces appears once',
  );
  assert.ok(all.includes('PersistentVolumeClaim/b/data') && all.includes('PersistentVolume/pv-b-data'));
  engine.stop();
});

test('a change in one namespace emits one event whose namespace part names only that namespace', async () => {
  const { engine, s, events } = setup();
  const before = engine.revision;
  s.ConfigMap.upsert(cm('a', 'one'));
  s.ConfigMap.upsert(cm('a', 'two'));
  engine.flush();
  assert.equal(events.length, 1, 'two store changes inside the coalescing window are one event');
  const [e] = events;
  assert.equal(e.revision, before + 1);
  assert.deepEqual([...e.namespaces.keys()], ['a']);
  assert.deepEqual(e.cluster.upsertNodes.map((n) => n.id).sort(), ['ConfigMap/a/one', 'ConfigMap/a/two']);
  engine.stop();
});

test('a shared class leaves the union only when no namespace reaches it any more', () => {
  const { engine, s, events } = setup();
  s.PersistentVolumeClaim.remove('a', 'data');
  s.PersistentVolume.remove(undefined, 'pv-a-data');
  engine.flush();
  const removed = events.flatMap((e) => e.cluster.removeNodes);
  assert.ok(removed.includes('PersistentVolumeClaim/a/data'));
  assert.ok(!removed.includes('StorageClass/standard'), 'namespace b still reaches it');
  assert.ok(ids(engine.snapshot()).includes('StorageClass/standard'));
  s.PersistentVolumeClaim.remove('b', 'data');
  s.PersistentVolume.remove(undefined, 'pv-b-data');
  s.StorageClass.remove(undefined, 'standard');
  engine.flush();
  assert.ok(!ids(engine.snapshot()).includes('StorageClass/standard'));
  engine.stop();
});

test('since() replays the missed changes of a scope, and says when they are no longer kept', () => {
  const { engine, s } = setup({ replay: 3 });
  const start = engine.revision;
  for (const name of ['x', 'y', 'z']) {
    s.ConfigMap.upsert(cm(name === 'y' ? 'b' : 'a', name));
    engine.flush();
  }
  const forA = engine.since(start, 'a') as TopologyChange[];
  assert.deepEqual(
    forA.flatMap((c) => c.upsertNodes.map((n) => n.id)),
    ['ConfigMap/a/x', 'ConfigMap/a/z'],
    'only the changes of namespace a',
  );
  assert.deepEqual(engine.since(engine.revision), []);
  for (const name of ['p', 'q', 'r']) {
    s.ConfigMap.upsert(cm('a', name));
    engine.flush();
  }
  assert.equal(engine.since(start, 'a'), undefined, 'beyond the kept window the viewer needs a snapshot');
  engine.stop();
});

test('the kept changes are bounded by their size too: a resume beyond them gets a snapshot', () => {
  const { engine, s } = setup({ replay: 500, replayItems: 3 });
  const start = engine.revision;
  for (const name of ['x', 'y']) {
    s.ConfigMap.upsert(cm('a', name));
    engine.flush();
  }
  assert.equal(engine.since(start, 'a')?.length, 2, 'two one-node changes fit');
  const mark = engine.revision;
  for (const name of ['p', 'q']) {
    s.ConfigMap.upsert(cm('a', name));
    engine.flush();
  }
  assert.equal(engine.since(start, 'a'), undefined, 'four nodes do not: the oldest changes were let go');
  assert.equal(engine.since(mark, 'a')?.length, 2, 'the newest are still kept');
  engine.stop();
});

test('many dirty entries are rebuilt a slice at a time, one change each, with requests answered in between', async () => {
  const { engine, s, events } = setup({ sliceMs: 0 });
  for (const ns of ['a', 'b', 'c']) s.ConfigMap.upsert(cm(ns, 'cfg'));
  const deadline = Date.now() + 3000;
  while (events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(
    events.map((e) => [...e.namespaces.keys()]),
    [['a'], ['b'], ['c']],
    'one entry per slice with no time for more',
  );
  assert.deepEqual(
    events.map((e) => e.revision - events[0].revision),
    [0, 1, 2],
    'a revision each, in order',
  );
  assert.ok(ids(engine.snapshot()).includes('ConfigMap/c/cfg'));
  engine.stop();
});

test('the graph counts as caught up once every entry dirty at sync has been rebuilt', async () => {
  const { engine, s, events } = setup({ sliceMs: 0 });
  assert.equal(engine.caughtUp(false), false, 'not before the cache has synced');
  for (const ns of ['a', 'b', 'c']) s.ConfigMap.upsert(cm(ns, 'cfg'));
  assert.equal(engine.caughtUp(true), false, 'three entries still to rebuild');
  const deadline = Date.now() + 3000;
  while (events.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  s.ConfigMap.upsert(cm('a', 'again'));
  assert.equal(engine.caughtUp(true), true, 'an entry dirtied again later does not hold readiness back');
  engine.stop();
});

test('the engine counts its flushes and the entries each rebuilt, and a second snapshot of one revision is the same object', () => {
  const { engine, s } = setup();
  const before = { ...engine.stats };
  s.ConfigMap.upsert(cm('a', 'one'));
  s.ConfigMap.upsert(cm('b', 'one'));
  const first = engine.snapshot();
  assert.equal(engine.stats.flushes, before.flushes + 1, 'two changes, one flush');
  assert.equal(
    engine.stats.entriesRebuilt,
    before.entriesRebuilt + 2,
    'the two ConfigMaps, nothing else: nothing read them',
  );
  assert.ok(engine.stats.maxMs >= 0 && engine.stats.totalMs >= engine.stats.maxMs);
  assert.equal(engine.snapshot(), first, 'nothing changed: the cached snapshot');
  assert.equal(engine.snapshotBytes().json, engine.snapshotBytes().json);
  engine.stop();
});
