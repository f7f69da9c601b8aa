import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNodeId, refId } from './kinds';

test('node ids round-trip through NodeRef; ids of unknown kinds or the wrong scope are not refs', () => {
  for (const id of ['Pod/db/postgres-0', 'PersistentVolume/pvc-1', 'StorageClass/fast', 'ConfigMap/a/b.c'])
    assert.equal(refId(parseNodeId(id) ?? { kind: 'Pod', name: '' }), id);
  assert.deepEqual(parseNodeId('Service/db/pg'), { kind: 'Service', namespace: 'db', name: 'pg' });
  for (const bad of [
    '',
    'Pod/db',
    'PersistentVolume/ns/pv',
    'Deployment/db/x',
    'Pod/db/x/y',
    'Pod//x',
    'toString/x',
    null,
  ])
    assert.equal(parseNodeId(bad), undefined, String(bad));
});
