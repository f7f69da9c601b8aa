import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { parseSettings } from '../settings/rules';
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
  const all = clusterConfigs(parseSettings({ KUBECONFIG: main }));
  assert.deepEqual(
    all.clusters.map((c) => [c.name, c.server]),
    [
      ['prod', 'https://127.0.0.1:6440'],
      ['staging', 'https://127.0.0.1:6441'],
      ['dev', 'https://127.0.0.1:6442'],
    ],
  );
  assert.equal(all.default, 'staging');
  assert.ok(
    all.clusters.every((c) => c.kc.getCurrentContext() === c.name),
    "each cluster's kubeconfig is set to its own context",
  );
  const two = clusterConfigs(parseSettings({ KUBECONFIG: main, ORDINAL_CONTEXTS: 'prod, dev' }));
  assert.deepEqual([two.clusters.map((c) => c.name), two.default], [['prod', 'dev'], 'prod']);
  assert.throws(
    () => clusterConfigs(parseSettings({ KUBECONFIG: main, ORDINAL_CONTEXTS: 'qa' })),
    (e: Error) => e instanceof KubeConfigError && /ORDINAL_CONTEXTS names qa/.test(e.message),
  );
  const mounted = join(dir, 'mounted');
  mkdirSync(mounted);
  writeFileSync(join(mounted, 'edge'), kubeconfig(['edge-1', 'prod'], 'edge-1'));
  writeFileSync(join(mounted, 'broken'), 'clusters: [\n');
  writeFileSync(join(mounted, '..data'), 'the kubelet links Secret files through here');
  const more = clusterConfigs(
    parseSettings({ KUBECONFIG: main, ORDINAL_CONTEXTS: 'prod', ORDINAL_KUBECONFIG_DIR: mounted }),
  );
  assert.deepEqual(
    more.clusters.map((c) => c.name),
    ['prod', 'edge-1', 'edge/prod'],
    'a name taken already is prefixed by its file',
  );
  assert.deepEqual(
    more.broken.map((b) => b.name),
    ['broken'],
    'an unreadable file is one broken cluster, not a failure of all',
  );
});

test('a malformed kubeconfig is named by file, line and column, never by its text (tokens stay in it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-kc-'));
  const main = join(dir, 'config');
  writeFileSync(main, kubeconfig(['prod'], 'prod'));
  const mounted = join(dir, 'mounted');
  mkdirSync(mounted);
  const token = 'eyJhbGciOiJSUzI1NiJ9.SECRET-TOKEN-do-not-show';
  writeFileSync(join(mounted, 'tabbed'), `users:\n- name: u\n  user:\n    token: ${token}\n\tindent: x\n`);
  writeFileSync(join(mounted, 'unclosed'), `users:\n- name: u\n  user:\n    token: ${token}\n  bad: [unclosed\n`);
  writeFileSync(join(mounted, 'incomplete'), `users: [{name: u, user: {token: ${token}}}]\nclusters: [{name: c}]\n`);
  const { broken } = clusterConfigs(parseSettings({ KUBECONFIG: main, ORDINAL_KUBECONFIG_DIR: mounted }));
  assert.deepEqual(
    broken.map((b) => b.name),
    ['incomplete', 'tabbed', 'unclosed'],
  );
  for (const b of broken) {
    assert.ok(!b.error.includes('SECRET') && !b.error.includes(token.slice(0, 12)), `no text of the file: ${b.error}`);
    assert.ok(b.error.includes(join(mounted, b.name)), 'the file is named');
  }
  assert.match(broken[1].error, /tab characters .* at line 5, column 1$/);
  assert.match(broken[2].error, /at line \d+, column \d+$/);
  assert.match(broken[0].error, /clusters\[0\]\.cluster is missing$/);
  writeFileSync(main, `apiVersion: v1\nusers:\n- user: {token: ${token}}\n  oops: [\n`);
  assert.throws(
    () => clusterConfigs(parseSettings({ KUBECONFIG: main })),
    (e: Error) => e instanceof KubeConfigError && !e.message.includes('SECRET') && /line \d+/.test(e.message),
  );
});
