import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { ClusterSet, stateOf } from './clusterset';
import { clusterConfigs } from './kube/config';
import { parseSettings } from './settings/rules';

test('the default cluster starts at once, another on first use; an idle one stops unless a stream holds it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-set-'));
  const path = join(dir, 'config');
  // Nothing listens on port 9: both clusters are unreachable, which changes nothing here.
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'a',
      clusters: ['a', 'b'].map((n) => ({ name: n, cluster: { server: 'https://127.0.0.1:9' } })),
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: ['a', 'b'].map((n) => ({ name: n, context: { cluster: n, user: 'u' } })),
    }),
  );
  const settings = parseSettings({ KUBECONFIG: path, ORDINAL_CLUSTER_IDLE: '60s' });
  const set = new ClusterSet(settings, clusterConfigs(settings), { on: false, reason: 'off' });
  try {
    assert.deepEqual(
      set.list().map((c) => [c.name, c.state === 'idle']),
      [
        ['a', false],
        ['b', true],
      ],
    );
    const b = set.get('b');
    assert.ok(b.ok && b.runtime.context === 'b');
    assert.equal(set.get('nope').ok, false);
    assert.equal((set.get('nope') as { notFound?: boolean }).notFound, true);
    const release = set.hold('b');
    await set.sweep(Date.now() + 120_000);
    assert.notEqual(set.list()[1].state, 'idle', 'a held cluster stays started');
    release();
    await set.sweep(Date.now() + 120_000);
    assert.equal(set.list()[1].state, 'idle', 'an idle one is stopped (and starts again when asked)');
    assert.notEqual(set.list()[0].state, 'idle', 'never the default one');
  } finally {
    await set.stopAll();
  }
  assert.equal(stateOf([{ state: 'error' }, { state: 'error' }]), 'unreachable');
  assert.equal(stateOf([{ state: 'synced' }, { state: 'forbidden' }]), 'partial');
});
