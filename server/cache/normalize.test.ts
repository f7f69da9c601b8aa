import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVENT_MESSAGE_MAX, normalize } from './normalize';
import type { KEvent } from './types';

const managed = [
  {
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    time: '2026-01-01T10:00:00Z',
    fieldsV1: { 'f:data': { 'f:a': {} }, 'f:metadata': {} },
  },
  {
    manager: 'kube-controller-manager',
    operation: 'Update',
    subresource: 'status',
    time: '2026-01-01T12:00:00Z',
    fieldsV1: { 'f:status': {} },
  },
  {
    manager: 'kubectl-edit',
    operation: 'Update',
    time: '2026-01-01T11:00:00Z',
    fieldsV1: { 'f:metadata': { 'f:labels': {} } },
  },
];

test('list items (no kind) and watch objects normalize to the same frozen shape, managedFields summarized', () => {
  const fromList = normalize('ConfigMap', 'v1', {
    metadata: { name: 'c', namespace: 'n', uid: 'u', managedFields: managed, selfLink: '/x' },
    data: { a: '1' },
  });
  const fromWatch = normalize('ConfigMap', 'v1', {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: 'c', namespace: 'n', uid: 'u', managedFields: managed },
    data: { a: '1' },
  });
  assert.deepEqual(fromList, fromWatch);
  assert.equal(fromList.kind, 'ConfigMap');
  assert.deepEqual(
    fromList.lastChange,
    { time: '2026-01-01T11:00:00Z', manager: 'kubectl-edit', operation: 'Update' },
    'status writes do not count as changes',
  );
  assert.deepEqual(fromList.dataChange, {
    time: '2026-01-01T10:00:00Z',
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
  });
  assert.equal('managedFields' in fromList.metadata, false);
  assert.ok(Object.isFrozen(fromList.metadata));
});

test('Secrets keep key names and value hashes; values and annotation values are gone', () => {
  const s = normalize('Secret', 'v1', {
    metadata: {
      name: 's',
      namespace: 'n',
      uid: 'u',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"pw":"aHVudGVyMg=="}}' },
    },
    data: { pw: 'aHVudGVyMg==' },
    stringData: { token: 'plain-canary' },
    type: 'Opaque',
  });
  const text = JSON.stringify(s);
  assert.ok(!text.includes('aHVudGVyMg==') && !text.includes('plain-canary') && !text.includes('hunter2'));
  assert.deepEqual(Object.keys((s as unknown as { dataHashes: object }).dataHashes).sort(), ['pw', 'token']);
  assert.deepEqual((s as unknown as { annotationKeys: string[] }).annotationKeys, [
    'kubectl.kubernetes.io/last-applied-configuration',
  ]);
});

test('an Event keeps what the views read and drops the rest; long messages are cut', () => {
  const e = normalize('Event', 'v1', {
    metadata: {
      name: 'p.1',
      namespace: 'db',
      uid: 'e1',
      resourceVersion: '9',
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{ manager: 'kubelet' }],
      annotations: { a: 'b' },
    },
    involvedObject: {
      kind: 'Pod',
      namespace: 'db',
      name: 'p',
      uid: 'u-p',
      apiVersion: 'v1',
      resourceVersion: '5',
      fieldPath: 'spec.containers{main}',
    },
    reason: 'BackOff',
    message: 'x'.repeat(5000),
    type: 'Warning',
    count: 3,
    lastTimestamp: '2026-01-01T00:01:00Z',
    source: { component: 'kubelet', host: 'n1' },
    reportingComponent: 'kubelet',
    reportingInstance: 'n1',
  }) as KEvent;
  assert.deepEqual(e.involvedObject, { kind: 'Pod', namespace: 'db', name: 'p', uid: 'u-p' });
  assert.deepEqual(Object.keys(e.metadata).sort(), [
    'creationTimestamp',
    'name',
    'namespace',
    'resourceVersion',
    'uid',
  ]);
  assert.equal(e.reason, 'BackOff');
  assert.equal(e.type, 'Warning');
  assert.equal(e.count, 3);
  assert.equal(e.message?.length, EVENT_MESSAGE_MAX + 1);
  assert.equal('source' in e, false);
});
