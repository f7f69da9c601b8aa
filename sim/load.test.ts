import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCluster } from './cluster';
import { loadPaths, LoadError, parseObjects } from './load';
import { resources } from './registry/lookup';

test('multi-document YAML, kind: List and typed *List are expanded', () => {
  const text = `
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: x}
---
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Secret, metadata: {name: s}}
---
apiVersion: v1
kind: PodList
items:
- metadata: {name: p}
  spec: {containers: [{name: c, image: i}]}
`;
  const objs = parseObjects(text, 'inline');
  assert.deepEqual(
    objs.map((o) => `${o.kind}/${o.metadata.name}`),
    ['ConfigMap/a', 'Secret/s', 'Pod/p'],
  );
});

test('bad documents name the file and the problem', () => {
  assert.throws(
    () => parseObjects('kind: ConfigMap\nmetadata: {name: a}', 'f.yaml'),
    /f.yaml: object without apiVersion\/kind/,
  );
  assert.throws(
    () => parseObjects('apiVersion: v1\nkind: ConfigMap\nmetadata: {}', 'f.yaml'),
    /ConfigMap without metadata.name/,
  );
  assert.throws(() => parseObjects('a: [', 'f.yaml'), LoadError);
});

test('loading keeps objects as given, creates their namespaces and reports unknown kinds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-load-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(
    join(dir, 'pod.yaml'),
    `apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: shop
  uid: 1111-2222
  resourceVersion: "999999"
  creationTimestamp: "2024-05-01T10:00:00Z"
  managedFields: [{manager: kubelet, operation: Update, time: "2024-05-01T10:00:05Z"}]
spec: {containers: [{name: c, image: nginx}], nodeName: node-a}
status: {phase: Running, podIP: 10.1.2.3}
`,
  );
  writeFileSync(
    join(dir, 'sub', 'deploy.json'),
    JSON.stringify({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' } }),
  );
  writeFileSync(join(dir, 'notes.txt'), 'ignored');
  const c = createCluster({ controllers: false });
  const report = loadPaths(c.registry, [dir]);
  assert.equal(report.loaded, 1);
  assert.deepEqual([...report.skipped], [['apps/v1/DaemonSet', 1]]);
  const pod = c.store.get(resources.pods, 'shop', 'web-0') as unknown as {
    metadata: Record<string, unknown>;
    status: Record<string, unknown>;
  };
  assert.equal(pod.metadata.uid, '1111-2222');
  assert.equal(pod.metadata.creationTimestamp, '2024-05-01T10:00:00Z');
  assert.notEqual(pod.metadata.resourceVersion, '999999', 'resourceVersions are the sim’s own');
  assert.deepEqual(pod.status, { phase: 'Running', podIP: '10.1.2.3' });
  assert.ok(c.store.get(resources.namespaces, undefined, 'shop'));
  assert.throws(() => loadPaths(c.registry, [join(dir, 'missing.yaml')]), /no such file/);
});
