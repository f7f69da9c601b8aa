import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoreChange } from '../cache/store';
import type { KObject, Pod } from '../cache/types';
import { storesOf } from '../cache/view';
import { selectedPods } from './endpoints';
import { aspectRead, ReadRecorder, readsChanged } from './reads';

const pod = (name: string, labels: Record<string, string>) =>
  ({
    kind: 'Pod',
    metadata: { name, namespace: 'a', uid: name, labels },
    spec: { containers: [] },
    status: {},
  }) as unknown as Pod;
const svc = {
  kind: 'Service',
  metadata: { name: 'db', namespace: 'a', uid: 's' },
  spec: { selector: { app: 'db' } },
} as unknown as KObject;

test('a derivation records what it read, and a change names exactly the reads it makes stale', () => {
  const s = storesOf([pod('db-0', { app: 'db' }), pod('web-0', { app: 'web' }), svc]);
  const r = new ReadRecorder(s);
  const { value, reads } = r.collect(() => selectedPods(s.Service.get('a', 'db') as never, r.stores));
  assert.deepEqual(
    value.map((p) => p.metadata.name),
    ['db-0'],
  );
  assert.deepEqual(reads, ['Pod|i|label|a/app=db'], 'the label index value, not every pod of the namespace');
  const change = (old: Pod | undefined, obj: Pod | undefined): StoreChange => ({
    kind: 'Pod',
    cause: 'watch',
    key: 'a/web-0',
    namespace: 'a',
    old,
    obj,
  });
  // A relabel into the selector makes the read stale; a change elsewhere does not.
  assert.ok(readsChanged(change(pod('web-0', { app: 'web' }), pod('web-0', { app: 'db' }))).includes(reads[0]));
  assert.ok(
    !readsChanged(change(pod('web-0', { app: 'web' }), pod('web-0', { app: 'web', v: '2' }))).includes(reads[0]),
  );
  assert.ok(readsChanged(change(undefined, pod('web-0', { app: 'web' }))).includes('Pod|k|a/web-0'), 'its own object');
  assert.deepEqual(r.collect(() => 1).reads, [], 'nothing read, nothing recorded');
});

test("a read of a spec alone passes its controller's status updates by, and not a change of the spec", () => {
  const sts = (generation: number, ready: number) =>
    ({
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'a', uid: 'u', generation },
      spec: { replicas: 3 },
      status: { readyReplicas: ready },
    }) as unknown as KObject;
  const s = storesOf([sts(1, 0)]);
  const r = new ReadRecorder(s);
  const { reads } = r.collect(() => aspectRead('spec', () => r.stores.StatefulSet.get('a', 'db')));
  assert.deepEqual(reads, ['StatefulSet|@spec|k|a/db']);
  const change = (old: KObject, obj: KObject): StoreChange => ({
    kind: 'StatefulSet',
    cause: 'watch',
    key: 'a/db',
    namespace: 'a',
    old,
    obj,
  });
  assert.ok(!readsChanged(change(sts(1, 0), sts(1, 3))).includes(reads[0]), 'status only: the generation stayed');
  assert.ok(readsChanged(change(sts(1, 3), sts(2, 3))).includes(reads[0]), 'the spec moved');
  assert.ok(
    readsChanged({ kind: 'StatefulSet', cause: 'watch', key: 'a/db', namespace: 'a', old: sts(2, 3) }).includes(
      reads[0],
    ),
    'deleted',
  );
});

test("a read of pods' drift alone passes their readiness by, not a restart, a new consumer or one leaving", () => {
  const consumer = (name: string, opts: { ready?: string; started?: string; config?: string } = {}) =>
    ({
      kind: 'Pod',
      metadata: { name, namespace: 'a', uid: name },
      spec: { containers: [{ name: 'c', envFrom: [{ configMapRef: { name: opts.config ?? 'cfg' } }] }] },
      status: {
        startTime: opts.started ?? '2026-12-01T00:00:00Z',
        conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }],
      },
    }) as unknown as Pod;
  const s = storesOf([consumer('db-0'), svc]);
  const r = new ReadRecorder(s);
  const { reads } = r.collect(() =>
    aspectRead('drift', () => [r.stores.Pod.byIndex('config', 'ConfigMap/a/cfg'), r.stores.Service.get('a', 'db')]),
  );
  assert.deepEqual(
    reads,
    ['Pod|@drift|i|config|ConfigMap/a/cfg', 'Service|k|a/db'],
    'a kind the aspect does not apply to is read plainly',
  );
  const stale = (old: Pod | undefined, obj: Pod | undefined) =>
    readsChanged({ kind: 'Pod', cause: 'watch', key: 'a/db-0', namespace: 'a', old, obj }).includes(reads[0]);
  assert.equal(stale(consumer('db-0'), consumer('db-0', { ready: 'False' })), false, 'readiness only');
  assert.equal(stale(consumer('db-0'), consumer('db-0', { started: '2026-12-02T00:00:00Z' })), true, 'restarted');
  assert.equal(stale(undefined, consumer('db-0')), true, 'a new consumer');
  assert.equal(stale(consumer('db-0'), consumer('db-0', { config: 'other' })), true, 'no longer a consumer');
  assert.equal(stale(consumer('db-0'), undefined), true, 'deleted');
});
