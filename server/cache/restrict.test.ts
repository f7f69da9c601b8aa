import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFixtures } from '../../test/support/fixtures';
import { restrictStores } from './restrict';

const live = loadFixtures(join(import.meta.dirname, '../../test/fixtures/topology/demo-cluster.yaml'));

test('a restricted view holds only what the viewer may list, through the live indexes, and says what it hides', () => {
  // alice: every namespaced kind in databases but Secrets (the built-in `view` role), no volumes or classes.
  const alice = restrictStores(live, (kind, ns) => ns === 'databases' && kind !== 'Secret');
  assert.deepEqual(alice.Pod.namespaces(), ['databases']);
  assert.ok(alice.Pod.list().length > 0 && alice.Pod.list().every((p) => p.metadata.namespace === 'databases'));
  assert.equal(alice.Pod.size, live.Pod.list('databases').length);
  const elsewhere = live.PersistentVolumeClaim.list('messaging')[0];
  assert.equal(alice.PersistentVolumeClaim.get('messaging', elsewhere.metadata.name), undefined);
  const used = live.Pod.list('messaging').find((p) => p.spec.volumes?.some((v) => v.persistentVolumeClaim));
  const claimName = used?.spec.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName;
  assert.ok(live.Pod.byIndex('claim', `messaging/${claimName}`).length > 0);
  assert.deepEqual(
    alice.Pod.byIndex('claim', `messaging/${claimName}`),
    [],
    'an index lookup does not cross into a hidden namespace',
  );
  assert.equal(alice.PersistentVolume.list().length, 0);
  assert.equal(alice.PersistentVolume.get(undefined, live.PersistentVolume.list()[0].metadata.name), undefined);
  assert.ok(alice.PersistentVolume.hidden() && alice.Secret.hidden('databases') && alice.Pod.hidden('messaging'));
  assert.equal(alice.Pod.hidden('databases'), false);
  assert.equal(live.Pod.hidden(), false, 'the live store hides nothing');
  const admin = restrictStores(live, () => true);
  assert.equal(admin.Pod.list().length, live.Pod.list().length);
  assert.equal(admin.PersistentVolume.size, live.PersistentVolume.size);
});
