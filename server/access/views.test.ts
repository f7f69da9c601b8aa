import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFixtures } from '../../test/support/fixtures';
import { ConfigHistory } from '../cache/confighistory';
import type { StoreChange } from '../cache/store';
import { allStores } from '../cache/indexes';
import { WATCHED_KIND_NAMES, type WatchedKind } from '../kube/kinds';
import { TopologyEngine } from '../stream/engine';
import type { ViewerScope } from './scope';
import { ScopeViews, viewerScopeKey } from './views';

const stores = loadFixtures(join(import.meta.dirname, '../../test/fixtures/topology/demo-cluster.yaml'));
const source = {
  stores,
  history: new ConfigHistory(),
  synced: true,
  listed: true,
  onState: () => () => undefined,
  onChange: (fn: (c: StoreChange) => void) => {
    const offs = allStores(stores).map((s) => s.onChange(fn));
    return () => offs.forEach((off) => off());
  },
};

const databases = (kinds: WatchedKind[]): ViewerScope => ({
  everywhere: new Set(),
  inNamespace: new Map([['databases', new Set(kinds)]]),
});

test('one engine per scope, shared by its viewers; everything seen is the shared engine; unused ones stop', () => {
  let now = 0;
  const shared = new TopologyEngine(source);
  shared.start();
  const views = new ScopeViews(source, shared, { idleMs: 60_000, now: () => now });
  const namespaced = WATCHED_KIND_NAMES.filter(
    (k) => k !== 'PersistentVolume' && k !== 'StorageClass' && k !== 'Secret',
  );
  const alice = views.viewOf(databases(namespaced));
  const carol = views.viewOf(databases([...namespaced].reverse()));
  assert.equal(alice.engine, carol.engine, 'the same scope, however its kinds came, is one engine');
  assert.equal(views.size, 1);
  const t = alice.engine.snapshot();
  assert.ok(t.nodes.length > 0 && t.nodes.every((n) => n.namespace === 'databases'));
  assert.equal(t.nodes.filter((n) => n.kind === 'Secret' || n.kind === 'PersistentVolume').length, 0);
  assert.ok(t.nodes.some((n) => n.kind === 'PersistentVolumeClaim' && n.info.volumeHidden));
  const revision = alice.engine.revision;
  const elsewhere = stores.Pod.list('messaging')[0];
  stores.Pod.upsert({
    ...elsewhere,
    metadata: { ...elsewhere.metadata, resourceVersion: 'x1', labels: { moved: 'yes' } },
  });
  alice.engine.flush();
  assert.equal(alice.engine.revision, revision, "another namespace's change does not reach the scope's engine");
  const mine = stores.Pod.list('databases')[0];
  stores.Pod.upsert({
    ...mine,
    metadata: { ...mine.metadata, resourceVersion: 'x2', deletionTimestamp: '2026-01-01T00:00:00Z' },
  });
  alice.engine.flush();
  assert.ok(alice.engine.revision > revision, 'its own namespace does');
  const admin = views.viewOf({ everywhere: new Set(WATCHED_KIND_NAMES), inNamespace: new Map() });
  assert.equal(admin.engine, shared);
  assert.equal(views.size, 1, 'seeing everything needs no engine of its own');
  const release = views.hold(alice.key);
  now = 120_000;
  views.sweep();
  assert.equal(views.size, 1, 'a held scope stays');
  release();
  now = 240_000;
  views.sweep();
  assert.equal(views.size, 0, 'an unused one stops');
  assert.notEqual(viewerScopeKey(databases(['Pod'])), viewerScopeKey(databases(['Pod', 'Secret'])));
  views.stop();
  shared.stop();
});
