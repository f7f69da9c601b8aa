import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAYERS, NODE_KIND_LIST, NODE_KINDS } from '@/lib/wire/kinds';
import { collectionPath, isWatchedKind, WATCHED_KINDS } from './kinds';

test('every drawn kind is watched, with the same scope in both tables', () => {
  for (const k of NODE_KIND_LIST) {
    assert.ok(isWatchedKind(k), `${k} is drawn but not watched`);
    assert.equal(WATCHED_KINDS[k].namespaced, !NODE_KINDS[k].clusterScoped, k);
  }
  assert.ok(!isWatchedKind('toString') && !isWatchedKind('Deployment'));
});

test('layers run from Services to StorageClasses; collection paths follow group, version and scope', () => {
  assert.equal(LAYERS, 6);
  assert.ok(
    NODE_KINDS.Service.layer < NODE_KINDS.StatefulSet.layer &&
      NODE_KINDS.PersistentVolume.layer < NODE_KINDS.StorageClass.layer,
  );
  assert.equal(collectionPath(WATCHED_KINDS.StatefulSet, 'db'), '/apis/apps/v1/namespaces/db/statefulsets');
  assert.equal(collectionPath(WATCHED_KINDS.PersistentVolume, 'db'), '/api/v1/persistentvolumes');
  assert.equal(collectionPath(WATCHED_KINDS.Pod), '/api/v1/pods');
});
