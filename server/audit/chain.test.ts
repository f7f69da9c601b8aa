import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryHash, firstBroken, GENESIS, type ChainedFields } from './chain';

const fields = (id: number, over: Partial<ChainedFields> = {}): ChainedFields => ({
  id,
  time: '2026-11-01T10:00:00.000Z',
  cluster: 'prod',
  type: 'MODIFIED',
  kind: 'StatefulSet',
  namespace: 'db',
  name: 'pg',
  uid: 'u1',
  resourceVersion: String(id),
  observed: true,
  windowFrom: null,
  windowTo: null,
  manager: 'kubectl',
  summary: 'spec.replicas: 3 → 5',
  keyframe: false,
  content: '[{"op":"replace","path":"/spec/replicas","value":5}]',
  ...over,
});

test('every stored field is covered: changing any one changes the hash', () => {
  const base = fields(1);
  const h = entryHash(GENESIS, base);
  const changes: Partial<ChainedFields>[] = [
    { time: '2026-11-01T10:00:01.000Z' },
    { cluster: 'dev' },
    { type: 'DELETED' },
    { kind: 'Pod' },
    { namespace: null },
    { name: 'pg2' },
    { uid: 'u2' },
    { resourceVersion: '9' },
    { observed: false },
    { windowFrom: '2026-11-01T09:00:00.000Z' },
    { windowTo: '2026-11-01T10:00:00.000Z' },
    { manager: null },
    { summary: 'x' },
    { keyframe: true },
    { content: null },
    { content: '[]' },
  ];
  for (const c of changes) assert.notEqual(entryHash(GENESIS, { ...base, ...c }), h, JSON.stringify(c));
  assert.notEqual(entryHash('1'.repeat(64), base), h, 'the previous hash too');
});

test('the first broken link names why: a gap, a wrong link, an edit', () => {
  const a = { ...fields(1), prevHash: GENESIS, hash: entryHash(GENESIS, fields(1)) };
  const b = { ...fields(2), prevHash: a.hash, hash: entryHash(a.hash, fields(2)) };
  assert.equal(firstBroken({ id: 0, hash: GENESIS }, a), undefined);
  assert.equal(firstBroken(a, b), undefined);
  assert.match(firstBroken({ id: 0, hash: GENESIS }, b) ?? '', /entry 1 is missing/);
  assert.match(firstBroken({ ...a, hash: 'f'.repeat(64) }, b) ?? '', /prevHash/);
  assert.match(firstBroken(a, { ...b, summary: 'spec.replicas: 3 → 6' }) ?? '', /edited/);
});
