import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { clusterConfigs, KubeConfigError } from './config';

const kubeconfig = (contexts: string[], current: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c, i) => ({ name: c, cluster: { server: `https://127.0.0.1:${6440 + i}` } })),
    users: contexts.map((c) => ({ name: c, user: { token: 't' } })),
    contexts: contexts.map((c) => ({ name: c, context: { cluster: c, user: c } })),
    'current-context': current,
  });

test('every context is a cluster, the current one the default; ORDINAL_CONTEXTS narrows; mounted files add theirs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-kc-'));
  const main = join(dir, 'config');
  writeFileSync(main, kubeconfig(['prod', 'staging', 'dev'], 'staging'));
  const all = clusterConfigs({ KUBECONFIG: main });
  assert.deepEqual(all.clusters.map((c) => [c.name, c.server]), [['prod', 'https://127.0.0.1:6440'], ['staging', 'https://127.0.0.1:6441'], ['dev', 'https://127.0.0.1:6442']]);
  assert.equal(all.default, 'staging');
  assert.ok(all.clusters.every((c) => c.kc.getCurrentContext() === c.name), "each cluster's kubeconfig is set to its own context");
  const two = clusterConfigs({ KUBECONFIG: main, ORDINAL_CONTEXTS: 'prod, dev' });
  assert.deepEqual([two.clusters.map((c) => c.name), two.default], [['prod', 'dev'], 'prod']);
  assert.throws(() => clusterConfigs({ KUBECONFIG: main, ORDINAL_CONTEXTS: 'qa' }), (e: Error) => e instanceof KubeConfigError && /ORDINAL_CONTEXTS names qa/.test(e.message));
  const mounted = join(dir, 'mounted');
  mkdirSync(mounted);
  writeFileSync(join(mounted, 'edge'), kubeconfig(['edge-1', 'prod'], 'edge-1'));
  writeFileSync(join(mounted, 'broken'), 'clusters: [\n');
  writeFileSync(join(mounted, '..data'), 'the kubelet links Secret files through here');
  const more = clusterConfigs({ KUBECONFIG: main, ORDINAL_CONTEXTS: 'prod', ORDINAL_KUBECONFIG_DIR: mounted });
  assert.deepEqual(more.clusters.map((c) => c.name), ['prod', 'edge-1', 'edge/prod'], 'a name taken already is prefixed by its file');
  assert.deepEqual(more.broken.map((b) => b.name), ['broken'], 'an unreadable file is one broken cluster, not a failure of all');
});
