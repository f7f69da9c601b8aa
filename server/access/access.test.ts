import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigHistory } from '../cache/confighistory';
import { createStores } from '../cache/view';
import { TopologyEngine } from '../stream/engine';
import { Access } from './access';

function access(allow: boolean, synced: boolean) {
  const source = {
    stores: createStores(),
    history: new ConfigHistory(),
    synced,
    listed: synced,
    onChange: () => () => undefined,
    onState: () => () => undefined,
  };
  const transport = {
    reviewAccess: async () => allow,
    getJson: () => Promise.reject(new Error('not watched here')),
    watch: () => Promise.reject(new Error('not watched here')),
  };
  const shared = new TopologyEngine(source);
  return { a: new Access(transport, source, shared, 60_000), shared };
}

test('fail closed: nobody signed in, or nothing allowed, is no access — unless the cache is still listing', async () => {
  const { a } = access(false, true);
  const none = await a.grant({ user: 'bob', groups: [] });
  assert.ok(!none.ok && !none.pending && /bob list none/.test(none.why));
  const nobody = await a.grant(undefined);
  assert.ok(!nobody.ok && /nobody is signed in/.test(nobody.why));
  const early = await access(false, false).a.grant({ user: 'bob', groups: [] });
  assert.ok(!early.ok && early.pending, 'before the first lists, not known yet: a 503, not the no-access page');
  await a.stop();
});

test('a viewer the cluster lets read everything shares the process engine; reviews carry system:authenticated', async () => {
  const { a, shared } = access(true, true);
  const g = await a.grant({ user: 'admin', groups: ['ops'] });
  assert.ok(g.ok);
  assert.equal(g.view.engine, shared);
  assert.deepEqual(g.viewer.groups, ['ops', 'system:authenticated']);
  assert.equal(a.views.size, 0);
  await a.stop();
});
