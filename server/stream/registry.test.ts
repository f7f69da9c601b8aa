import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../settings/rules';
import { clientAddress, StreamRegistry, streamClient, streamLimits } from './registry';

test('streams are admitted up to the total and per-client caps, and released exactly once', () => {
  const r = new StreamRegistry({ total: 3, perClient: 2 });
  const a1 = r.admit('a');
  const a2 = r.admit('a');
  assert.ok(a1.ok && a2.ok);
  const a3 = r.admit('a');
  assert.ok(!a3.ok && /already holds 2/.test(a3.reason) && a3.retryAfterS > 0);
  const b1 = r.admit('b');
  assert.ok(b1.ok);
  assert.ok(!r.admit('c').ok, 'the total cap holds for a new client too');
  assert.equal(r.live, 3);
  if (a1.ok) {
    a1.admission.release();
    a1.admission.release();
  }
  assert.equal(r.live, 2, 'a second release does not free another place');
  assert.ok(r.admit('a').ok);
});

test('caps come from ORDINAL_MAX_STREAMS and ORDINAL_MAX_STREAMS_PER_CLIENT; bad values are setting errors', () => {
  assert.deepEqual(streamLimits(parseSettings({ ORDINAL_MAX_STREAMS: '20' })), { total: 20, perClient: 20 });
  assert.deepEqual(streamLimits(parseSettings({ ORDINAL_MAX_STREAMS: '500', ORDINAL_MAX_STREAMS_PER_CLIENT: '5' })), {
    total: 500,
    perClient: 5,
  });
  assert.throws(
    () => streamLimits(parseSettings({ ORDINAL_MAX_STREAMS: '0' })),
    /ORDINAL_MAX_STREAMS: must be a positive whole number/,
  );
  assert.throws(
    () => streamLimits(parseSettings({ ORDINAL_MAX_STREAMS_PER_CLIENT: 'lots' })),
    /ORDINAL_MAX_STREAMS_PER_CLIENT/,
  );
});

test('closeAll ends every registered stream', () => {
  const r = new StreamRegistry({ total: 10, perClient: 10 });
  let closed = 0;
  r.onClose(() => closed++);
  const off = r.onClose(() => closed++);
  off();
  assert.equal(r.closeAll(), 1);
  assert.equal(closed, 1);
});

test('the client address is the one the edge believed, never a client-written X-Forwarded-For', () => {
  assert.equal(
    clientAddress(new Headers({ 'x-ordinal-client': '10.0.0.2', 'x-forwarded-for': '203.0.113.9' })),
    '10.0.0.2',
  );
  assert.equal(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9' })), 'unknown');
});

test('signed-in users are counted by name, not by the proxy address they all share; no sign-in counts the address', () => {
  const h = (user: string | null) =>
    ({ get: (n: string) => (n === 'x-ordinal-user' ? user : n === 'x-ordinal-client' ? '127.0.0.1' : null) }) as const;
  const r = new StreamRegistry({ total: 10, perClient: 1 });
  assert.equal(r.admit(streamClient(h('alice'))).ok, true);
  assert.equal(r.admit(streamClient(h('bob'))).ok, true, 'bob is not held back by alice’s stream');
  assert.equal(r.admit(streamClient(h('alice'))).ok, false, 'alice is at her cap');
  assert.equal(streamClient(h('anonymous')), '127.0.0.1');
  assert.equal(streamClient(h(encodeURIComponent('ä b'))), 'user:ä b');
  assert.equal(streamClient(h('%E0%A4%A')), '127.0.0.1', 'not an edge-made value: the address');
});
