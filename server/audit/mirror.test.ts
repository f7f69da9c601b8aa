import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoreChange } from '../cache/store';
import type { KObject } from '../cache/types';
import { identityOf, MirroredCache } from './mirror';

const obj = (name: string, uid: string): KObject => ({ kind: 'Pod', metadata: { name, namespace: 'db', uid } });
const posted = (o: KObject) => ({ json: JSON.stringify(o), id: identityOf(o) });

test('the mirror knows what the cache holds from the posted stream: adds, relist replacements, deletions, forgets', () => {
  const m = new MirroredCache();
  const seen: StoreChange[] = [];
  m.onChange((c) => seen.push(c));
  m.apply({ t: 'change', kind: 'Pod', cause: 'relist', obj: posted(obj('db-0', 'a')) });
  assert.ok(m.has('Pod', 'db', 'db-0', 'a'));
  m.apply({
    t: 'change',
    kind: 'Pod',
    cause: 'relist',
    obj: posted(obj('db-0', 'b')),
    replaced: identityOf(obj('db-0', 'a')),
  });
  assert.ok(!m.has('Pod', 'db', 'db-0', 'a'), 'the object a relist replaced is gone');
  assert.ok(m.has('Pod', 'db', 'db-0', 'b'));
  m.apply({ t: 'change', kind: 'Pod', cause: 'forget', gone: identityOf(obj('db-0', 'b')) });
  assert.ok(!m.has('Pod', 'db', 'db-0', 'b'));
  assert.ok(!m.has('Pod', undefined, 'db-0', 'b'));
  assert.deepEqual(
    seen.map((c) => `${c.cause} ${(c.obj ?? c.old)?.metadata.uid} ${c.obj ? 'obj' : 'old'}`),
    ['relist a obj', 'relist b obj', 'forget b old'],
  );
});

test("sync states and readiness arrive in the stream's order", () => {
  const m = new MirroredCache();
  const states: string[] = [];
  m.onState(() => states.push(m.syncStatus().Pod?.state ?? 'none'));
  m.apply({ t: 'state', status: { Pod: { state: 'syncing' } } });
  m.apply({ t: 'state', status: { Pod: { state: 'synced' } } });
  assert.deepEqual(states, ['syncing', 'synced']);
});
