import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clone } from './meta';

test('clone copies a stored (frozen) object deeply into one the caller may change', () => {
  type Obj = { metadata: { name: string; labels: Record<string, string> }; spec: { ports: Array<{ port: number }> } };
  const stored: Obj = Object.freeze({
    metadata: Object.freeze({ name: 'db-0', labels: Object.freeze({ app: 'db' }) }),
    spec: Object.freeze({ ports: Object.freeze([Object.freeze({ port: 5432 })]) as Array<{ port: number }> }),
  });
  const copy = clone(stored);
  assert.deepEqual(copy, stored);
  copy.metadata.labels.app = 'web';
  copy.spec.ports[0].port = 1;
  assert.equal(stored.metadata.labels.app, 'db');
  assert.equal(stored.spec.ports[0].port, 5432);
});

test('a key named __proto__, as JSON.parse makes it, stays an own property of the copy', () => {
  const hostile = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}') as {
    metadata: { labels: Record<string, unknown> };
  };
  const copy = clone(hostile);
  assert.ok(Object.hasOwn(copy.metadata.labels, '__proto__'));
  assert.equal((copy.metadata.labels as { polluted?: string }).polluted, undefined, "not the copy's prototype");
  assert.equal(JSON.stringify(copy), JSON.stringify(hostile));
});
