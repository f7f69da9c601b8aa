import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { qualifiedName, RESOURCES } from '../../sim/model/resources';
import { startDemoSim, startFrozenSim, type TestSim } from './harness';

/**
 * kubectl against the sim as against an apiserver: files kubectl itself wrote (`get -o yaml`,
 * a `kind: List`) validate client-side through /openapi/v2, explain reads /openapi/v3, and
 * every served kind survives `get -o yaml > f; delete -f f; create -f f`.
 */
const dir = mkdtempSync(join(tmpdir(), 'ordinal-roundtrip-'));
const SERVED = RESOURCES.filter((r) => !r.virtual && r.resource !== 'namespaces');
const SYSTEM_NAMESPACES = 'kubernetes.io/metadata.name notin (default,kube-system,kube-public,kube-node-lease)';
let t: TestSim;

const STORED_ONLY = `apiVersion: v1
kind: ServiceAccount
metadata: { name: backup, namespace: databases }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: backup, namespace: databases }
rules: [{ apiGroups: [""], resources: [persistentvolumeclaims], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: backup, namespace: databases }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: backup }
subjects: [{ kind: ServiceAccount, name: backup, namespace: databases }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: pgbouncer, namespace: databases }
spec:
  replicas: 1
  selector: { matchLabels: { app: pgbouncer } }
  template:
    metadata: { labels: { app: pgbouncer } }
    spec: { containers: [{ name: pgbouncer, image: "bitnami/pgbouncer:1.23" }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: grafana, namespace: analytics }
spec:
  rules: [{ host: grafana.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: grafana, port: { number: 80 } } } }] } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: postgres-clients, namespace: databases }
spec:
  podSelector: { matchLabels: { app: postgres } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { role: app } } }], ports: [{ port: 5432 }] }]
`;

async function ok(...args: string[]): Promise<string> {
  const r = await t.kubectl(...args);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  // The demo's objects as kubectl writes them, loaded into a cluster nothing reconciles:
  // deleted objects stay deleted, so a create is the only thing that brings them back.
  const demo = await startDemoSim();
  try {
    // Kinds the sim stores but the demo does not use: one of each, so every served kind round-trips.
    writeFileSync(join(dir, 'stored-only.yaml'), STORED_ONLY);
    const applied = await demo.kubectl('apply', '-f', join(dir, 'stored-only.yaml'));
    assert.equal(applied.code, 0, applied.stderr);
    for (const r of SERVED) {
      const out = await demo.kubectl('get', qualifiedName(r), '-A', '-o', 'yaml');
      assert.equal(out.code, 0, out.stderr);
      // kubectl sends at most 5 requests a second: a few dozen events keep the test short.
      const dump = r.resource === 'events' ? trimmed(out.stdout, 30) : out.stdout;
      writeFileSync(join(dir, `${r.resource}.yaml`), dump);
    }
  } finally {
    await demo.close();
  }
  t = await startFrozenSim([dir]);
});
after(() => t?.close());

interface Item {
  kind: string;
  metadata: Record<string, unknown> & { namespace?: string; name: string };
  status?: unknown;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What a create keeps: the server sets identity, versions, timestamps and managers anew, and
 * kubectl create rewrites an existing last-applied annotation from the file it sends.
 */
function comparable(o: Item, withStatus: boolean): unknown {
  const { uid, resourceVersion, creationTimestamp, managedFields, generation, ...metadata } = o.metadata;
  void [uid, resourceVersion, creationTimestamp, managedFields, generation];
  const annotations = { ...(metadata.annotations as Record<string, string> | undefined) };
  delete annotations[LAST_APPLIED];
  const { status, ...rest } = o;
  return { ...rest, metadata: { ...metadata, annotations }, ...(withStatus ? { status } : {}) };
}

function trimmed(yaml: string, count: number): string {
  const list = parse(yaml) as { items: unknown[] };
  return stringify({ ...list, items: list.items.slice(0, count) });
}

function items(yaml: string): Item[] {
  const list = parse(yaml) as { items: Item[] };
  return list.items;
}

test('a kind: List file as kubectl writes it creates with validation on, and a wrong field is refused', async () => {
  const list = `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Namespace, metadata: {name: listed}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: listed}, data: {mode: fast}}
- apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: store, namespace: listed}
  spec:
    serviceName: store
    replicas: 2
    selector: {matchLabels: {app: store}}
    template:
      metadata: {labels: {app: store}}
      spec: {containers: [{name: main, image: "store:1", ports: [{containerPort: 80}]}]}
`;
  const good = join(dir, 'list.yaml');
  writeFileSync(good, list);
  assert.match(await ok('create', '-f', good, '--validate=strict'), /statefulset.apps\/store created/);
  assert.equal(await ok('get', 'cm', 'settings', '-n', 'listed', '-o', 'jsonpath={.data.mode}'), 'fast');

  const bad = join(dir, 'bad-list.yaml');
  writeFileSync(bad, list.replaceAll('listed', 'other').replace('replicas: 2', 'replica: 2'));
  const refused = await t.kubectl('create', '-f', bad);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /unknown field "replica" in io\.k8s\.api\.apps\.v1\.StatefulSetSpec/);
  assert.equal((await t.kubectl('get', 'ns', 'other')).code, 1, 'a refused file creates nothing');
});

test('kubectl explain reads the served schemas', async () => {
  const spec = await ok('explain', 'statefulset.spec');
  assert.match(spec, /^FIELD: spec <StatefulSetSpec>/m);
  assert.match(spec, /^ {2}volumeClaimTemplates\t<\[\]PersistentVolumeClaim>/m);
  assert.match(spec, /^ {2}selector\t<LabelSelector> -required-/m);
  assert.match(await ok('explain', 'pvc.spec.storageClassName'), /storageClassName is the name of the StorageClass/);
});

for (const r of SERVED) {
  test(`${qualifiedName(r)}: get -o yaml, delete -f, create -f brings back every object`, async () => {
    const file = join(dir, `${r.resource}.yaml`);
    const before = items(await ok('get', qualifiedName(r), '-A', '-o', 'yaml'));
    assert.ok(before.length > 0, `the demo has ${r.resource}`);
    writeFileSync(file, await ok('get', qualifiedName(r), '-A', '-o', 'yaml'));
    await ok('delete', '-f', file, '--wait=false');
    // What the protection controllers do once nothing uses an object: the frozen cluster has none.
    for (const o of before.filter((x) => Array.isArray(x.metadata.finalizers))) {
      const scope = o.metadata.namespace ? ['-n', o.metadata.namespace] : [];
      await ok(
        'patch',
        qualifiedName(r),
        o.metadata.name,
        ...scope,
        '--type=json',
        '-p',
        '[{"op":"remove","path":"/metadata/finalizers"}]',
      );
    }
    assert.equal((await ok('get', qualifiedName(r), '-A', '-o', 'name')).trim(), '', 'all deleted');
    await ok('create', '-f', file);
    const back = items(await ok('get', qualifiedName(r), '-A', '-o', 'yaml'));
    // The apiserver resets status on create for kinds with a status subresource (except nodes).
    const withStatus = !r.subresources.includes('status') || r.resource === 'nodes';
    assert.deepEqual(
      back.map((o) => comparable(o, withStatus)),
      before.map((o) => comparable(o, withStatus)),
    );
  });
}

test('namespaces round-trip too, and the system namespaces cannot be deleted', async () => {
  const file = join(dir, 'namespaces.yaml');
  writeFileSync(file, await ok('get', 'namespaces', '-l', SYSTEM_NAMESPACES, '-o', 'yaml'));
  const before = items(await ok('get', 'namespaces', '-l', SYSTEM_NAMESPACES, '-o', 'yaml'));
  assert.ok(before.length >= 3);
  await ok('delete', '-f', file);
  await ok('create', '-f', file);
  const back = items(await ok('get', 'namespaces', '-l', SYSTEM_NAMESPACES, '-o', 'yaml'));
  assert.deepEqual(
    back.map((o) => comparable(o, true)),
    before.map((o) => comparable(o, true)),
  );
  const refused = await t.kubectl('delete', 'namespace', 'default');
  assert.match(refused.stderr, /namespaces "default" is forbidden: this namespace may not be deleted/);
});
