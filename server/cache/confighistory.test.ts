import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedKeys, ConfigHistory, hashesOf } from './confighistory';
import { normalize } from './normalize';
import { keyOf } from './store';
import type { KObject } from './types';

/** Versions of ConfigMaps and Secrets seen while watching: what drift's key diff reads. */
const at = (iso: string) => [{ manager: 'kubectl', operation: 'Update', time: iso, fieldsV1: { 'f:data': {} } }];
const cm = (data: Record<string, string>, iso: string): KObject =>
  normalize('ConfigMap', 'v1', {
    metadata: {
      name: 'app',
      namespace: 'ns',
      uid: 'u',
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: at(iso),
    },
    data,
  });
const secret = (pw: string, iso: string): KObject =>
  normalize('Secret', 'v1', {
    metadata: { name: 's', namespace: 'ns', uid: 'v', managedFields: at(iso) },
    data: { pw: Buffer.from(pw).toString('base64') },
  });

function feed(h: ConfigHistory, objs: KObject[]): void {
  let old: KObject | undefined;
  for (const obj of objs) {
    h.observe({ cause: 'watch', kind: obj.kind as 'ConfigMap', key: keyOf(obj), obj, ...(old ? { old } : {}) });
    old = obj;
  }
}

test('each data change is a version from its managedFields time; a change of nothing in data is not', () => {
  const h = new ConfigHistory();
  feed(h, [
    cm({ a: '1', b: '1' }, '2026-01-01T01:00:00Z'),
    cm({ a: '1', b: '1' }, '2026-01-01T02:00:00Z'),
    cm({ a: '2', b: '1' }, '2026-01-01T03:00:00Z'),
  ]);
  const versions = h.history('ConfigMap/ns/app');
  assert.deepEqual(
    versions.map((v) => v.since),
    ['2026-01-01T01:00:00Z', '2026-01-01T03:00:00Z'],
  );
  assert.deepEqual(versions[1].data, { a: '2', b: '1' }, 'ConfigMaps keep their values for the diff view');
  assert.deepEqual(changedKeys(versions[0].hashes, versions[1].hashes), ['a']);
});

test('versionAt answers the version live at a time; before the first seen, nothing', () => {
  const h = new ConfigHistory();
  feed(h, [cm({ a: '1' }, '2026-01-01T01:00:00Z'), cm({ a: '2' }, '2026-01-01T03:00:00Z')]);
  assert.equal(h.versionAt('ConfigMap/ns/app', '2026-01-01T00:30:00Z'), undefined);
  assert.deepEqual(h.versionAt('ConfigMap/ns/app', '2026-01-01T02:00:00Z')?.data, { a: '1' });
  assert.deepEqual(h.versionAt('ConfigMap/ns/app', '2026-01-01T04:00:00Z')?.data, { a: '2' });
});

test('Secrets keep fingerprints only; a deleted source forgets its history; at most 8 versions', () => {
  const h = new ConfigHistory();
  feed(h, [secret('one', '2026-01-01T01:00:00Z'), secret('two', '2026-01-01T02:00:00Z')]);
  const versions = h.history('Secret/ns/s');
  assert.equal(versions.length, 2);
  assert.ok(versions.every((v) => v.data === undefined && /^[0-9a-f]{16}$/.test(v.hashes.pw)));
  assert.ok(!JSON.stringify(versions).includes(Buffer.from('one').toString('base64')));
  h.observe({ cause: 'watch', kind: 'Secret', key: 'ns/s', old: secret('two', '2026-01-01T02:00:00Z') });
  assert.deepEqual(h.history('Secret/ns/s'), []);
  const many = new ConfigHistory();
  feed(
    many,
    Array.from({ length: 12 }, (_, i) => cm({ a: String(i) }, `2026-01-01T${String(i + 1).padStart(2, '0')}:00:00Z`)),
  );
  assert.equal(many.history('ConfigMap/ns/app').length, 8);
  assert.deepEqual(many.history('ConfigMap/ns/app')[7].data, { a: '11' });
});

test('hashesOf covers data and binaryData keys', () => {
  const o = normalize('ConfigMap', 'v1', {
    metadata: { name: 'c', namespace: 'ns' },
    data: { a: 'x' },
    binaryData: { b: 'eA==' },
  });
  assert.deepEqual(Object.keys(hashesOf(o)).sort(), ['a', 'b']);
});
