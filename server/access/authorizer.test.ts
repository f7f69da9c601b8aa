import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessQuestion } from '../kube/transport';
import { Authorizer, viewerKey } from './authorizer';

const pods = { group: '', resource: 'pods' };

/** A policy: alice may read pods in databases; anyone else nothing. Counts the reviews it answers. */
function policy() {
  const asked: AccessQuestion[] = [];
  let grant = true;
  const review = async (q: AccessQuestion) => {
    asked.push(q);
    await new Promise((r) => setImmediate(r));
    return grant && q.user === 'alice' && q.namespace === 'databases';
  };
  return { asked, review, revoke: () => (grant = false) };
}

test('answers per identity and resource, remembered for the TTL, shared by concurrent questions', async () => {
  let now = 0;
  const p = policy();
  const a = new Authorizer(p.review, { ttlMs: 60_000, now: () => now });
  const alice = { user: 'alice', groups: ['dev', 'ops'] };
  const tabs = await Promise.all(Array.from({ length: 50 }, () => a.mayRead(alice, pods, 'databases')));
  assert.ok(tabs.every(Boolean));
  assert.equal(p.asked.length, 2, 'fifty tabs, one review per verb (list, watch)');
  assert.equal(await a.mayRead({ user: 'alice', groups: ['ops', 'dev', 'dev'] }, pods, 'databases'), true);
  assert.equal(p.asked.length, 2, 'the same groups in another order are the same identity');
  assert.equal(await a.mayRead(alice, pods, 'messaging'), false);
  assert.equal(await a.mayRead({ user: 'bob', groups: [] }, pods, 'databases'), false);
  now = 61_000;
  p.revoke();
  assert.equal(await a.mayRead(alice, pods, 'databases'), false, 'past the TTL the cluster is asked again');
  assert.deepEqual(
    p.asked
      .slice(0, 2)
      .map((q) => q.verb)
      .sort(),
    ['list', 'watch'],
  );
});

test('errors deny and are not remembered; a policy change forgets, even an answer in flight', async () => {
  let fail = true;
  let calls = 0;
  const a = new Authorizer(
    async () => {
      calls++;
      if (fail) throw new Error('connection refused');
      return true;
    },
    { ttlMs: 60_000 },
  );
  const v = { user: 'alice', groups: [] };
  assert.equal(await a.may(v, pods, 'list', 'databases'), false, 'fail closed');
  fail = false;
  assert.equal(await a.may(v, pods, 'list', 'databases'), true, 'the error was not kept');
  assert.equal(calls, 2);
  const inFlight = a.may(v, pods, 'list', 'messaging');
  a.invalidate();
  await inFlight;
  await a.may(v, pods, 'list', 'messaging');
  assert.equal(calls, 4, 'the answer that straddled the change was not kept');
  a.invalidate();
  await a.may(v, pods, 'list', 'databases');
  assert.equal(calls, 5);
  assert.equal(a.counts.failures, 1);
  assert.notEqual(
    viewerKey({ user: 'a,b', groups: [] }),
    viewerKey({ user: 'a', groups: ['b'] }),
    'no two identities share a key',
  );
});
