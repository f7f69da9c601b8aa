import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { stringify } from 'yaml';
import { KubeConfig } from '@kubernetes/client-node';
import { normalize } from '../../server/cache/normalize';
import { storesOf } from '../../server/cache/view';
import { collectionPath, WATCHED_KINDS, type WatchedKind } from '../../server/kube/kinds';
import { KubeTransport } from '../../server/kube/transport';
import { clusterConfigs, KubeConfigError } from '../../server/kube/config';
import { parseSettings } from '../../server/settings/rules';
import { buildGraph } from '../../server/topology/graph';
import { startCore, type Core } from './core-harness';
import { eventually, startTestSim, type TestSim } from './harness';

let t: TestSim;
before(async () => {
  t = await startTestSim();
});
after(() => t.close());

const CANARY = 'canary-value-must-not-leak-7f3a';

/** Multi-document YAML: kubectl validates `kind: List` client-side with OpenAPI v2, which the sim does not serve. */
function workload(ns: string, name: string, replicas: number): string {
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config`, namespace: ns }, data: { mode: 'a' } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${name}-secret`, namespace: ns },
      stringData: { password: CANARY },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { clusterIP: 'None', selector: { app: name }, ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, namespace: ns },
      spec: {
        replicas,
        serviceName: name,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              {
                name: 'c',
                image: 'app:1',
                env: [
                  { name: 'MODE', valueFrom: { configMapKeyRef: { name: `${name}-config`, key: 'mode' } } },
                  { name: 'PW', valueFrom: { secretKeyRef: { name: `${name}-secret`, key: 'password' } } },
                ],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    },
  ]
    .map((o) => stringify(o))
    .join('---\n');
}

/** kubectl apply from stdin, asynchronously: the sim answers from this same process. */
async function apply(manifest: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const p = spawn('kubectl', ['apply', '-f', '-'], { env: { ...process.env, KUBECONFIG: t.kubeconfigPath } });
  let err = '';
  p.stderr.on('data', (d: Buffer) => (err += d.toString()));
  p.stdin.end(manifest);
  const code = await new Promise<number | null>((resolve) => p.on('exit', resolve));
  assert.equal(code, 0, err);
}

/** A fresh list of every watched kind, straight from the API server. */
async function freshState(): Promise<Map<WatchedKind, Map<string, string>>> {
  const kc = new KubeConfig();
  kc.loadFromFile(t.kubeconfigPath);
  const tr = new KubeTransport(kc);
  const out = new Map<WatchedKind, Map<string, string>>();
  for (const kind of Object.keys(WATCHED_KINDS) as WatchedKind[]) {
    const list = await tr.getJson(collectionPath(WATCHED_KINDS[kind]), {}, new AbortController().signal);
    const m = new Map<string, string>();
    for (const o of (list.items ?? []) as Array<{
      metadata: { namespace?: string; name: string; resourceVersion: string };
    }>)
      m.set(
        o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name,
        o.metadata.resourceVersion,
      );
    out.set(kind, m);
  }
  return out;
}

function cacheState(core: Core): Map<WatchedKind, Map<string, string>> {
  const out = new Map<WatchedKind, Map<string, string>>();
  for (const kind of Object.keys(WATCHED_KINDS) as WatchedKind[]) {
    out.set(
      kind,
      new Map(
        core.cache.stores[kind]
          .list()
          .map((o) => [
            o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name,
            String(o.metadata.resourceVersion),
          ]),
      ),
    );
  }
  return out;
}

async function freshStores() {
  const kc = new KubeConfig();
  kc.loadFromFile(t.kubeconfigPath);
  const tr = new KubeTransport(kc);
  const objects = [];
  for (const kind of Object.keys(WATCHED_KINDS) as WatchedKind[]) {
    const spec = WATCHED_KINDS[kind];
    const list = await tr.getJson(collectionPath(spec), {}, new AbortController().signal);
    for (const raw of (list.items ?? []) as unknown[]) objects.push(normalize(spec.kind, spec.apiVersion, raw));
  }
  return storesOf(objects);
}

/** The sim's log of the requests the dashboard made, oldest first. */
async function dashboardRequests(): Promise<Array<{ verb: string; status: number }>> {
  const log = (await t.simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; userAgent: string; status: number }>;
  return log.filter((r) => r.userAgent.startsWith('ordinal-dashboard'));
}

test('during churn with dropped watches, compaction, 5xx, latency and 403, the cache converges on a fresh list and nothing leaks', async () => {
  await t.simApi('POST', '/sim/v1/faults/clear');
  for (const ns of ['alpha', 'beta']) await t.kubectl('create', 'namespace', ns);
  await apply(workload('alpha', 'db', 3));
  await apply(workload('beta', 'queue', 2));
  const core = await startCore(t, { stallMs: 1_500 });
  try {
    // Each fault is followed by dropped watches, so the reconnects are sure to meet it.
    const faults = [
      ['errors?rate=1'],
      ['clear', 'latency?ms=150'],
      ['forbid?resource=configmaps', 'compact'],
      ['clear'],
      ['errors?rate=0.3', 'compact'],
      ['clear'],
    ];
    for (let i = 0; i < 18; i++) {
      if (i % 3 === 0) {
        const set = faults[(i / 3) % faults.length];
        const from = (await dashboardRequests()).length;
        for (const f of [...set, 'drop-watches']) await t.simApi('POST', `/sim/v1/faults/${f}`);
        // The reconnects meet the fault before it is cleared: waited for, not left to timing.
        const expect = set.some((f) => f.startsWith('errors'))
          ? 500
          : set.some((f) => f.startsWith('forbid'))
            ? 403
            : 0;
        if (expect) {
          await eventually(
            `the dashboard to meet a ${expect}`,
            async () => (await dashboardRequests()).slice(from).some((r) => r.status === expect),
            40_000,
          );
        }
      }
      const action = i % 6;
      // Writes come from the test (kubectl); retries absorb the injected 5xx.
      const retry = async (...args: string[]) => {
        for (let k = 0; k < 5; k++) if ((await t.kubectl(...args)).code === 0) return;
      };
      if (action === 0) await retry('scale', 'sts/db', '-n', 'alpha', `--replicas=${2 + (i % 3)}`);
      if (action === 1)
        await retry(
          'patch',
          'configmap',
          'db-config',
          '-n',
          'alpha',
          '--type=merge',
          '-p',
          `{"data":{"mode":"v${i}"}}`,
        );
      if (action === 2) await retry('delete', 'pod', 'queue-0', '-n', 'beta', '--wait=false');
      if (action === 3) await retry('create', 'configmap', `extra-${i}`, '-n', 'beta', '--from-literal=k=v');
      if (action === 4) await retry('delete', 'configmap', `extra-${i - 1}`, '-n', 'beta');
      if (action === 5) await retry('scale', 'sts/queue', '-n', 'beta', `--replicas=${1 + (i % 2)}`);
    }
    await t.simApi('POST', '/sim/v1/faults/clear');
    // A kind that failed several times in a row sleeps up to the backoff cap (30 s) before it
    // asks again: its state reads "error" until then, even when its objects are already current.
    await eventually(
      'every kind synced again',
      () => Object.values(core.cache.syncStatus()).every((s) => s.state === 'synced'),
      45_000,
    );
    await eventually(
      'the cache to equal a fresh list of every kind',
      async () => {
        const fresh = await freshState();
        const cached = cacheState(core);
        return [...fresh].every(
          ([kind, m]) => JSON.stringify([...m].sort()) === JSON.stringify([...(cached.get(kind) ?? new Map())].sort()),
        );
      },
      45_000,
    );
    await eventually(
      'the topology to equal one built from a fresh list',
      async () => {
        const ours = core.engine.snapshot();
        const ref = buildGraph(await freshStores(), {}, Date.now());
        const ids = (xs: Array<{ id: string; status?: string }>) =>
          JSON.stringify(xs.map((x) => `${x.id}:${x.status ?? ''}`).sort());
        return ids(ours.nodes) === ids(ref.nodes) && ids(ours.edges) === ids(ref.edges);
      },
      15_000,
    );
    const everything = JSON.stringify([core.engine.snapshot(), core.cache.stores.Secret.list()]);
    assert.ok(!everything.includes(CANARY) && !everything.includes(Buffer.from(CANARY).toString('base64')));
    const ours = await dashboardRequests();
    assert.deepEqual(
      [...new Set(ours.map((r) => r.verb))].filter((v) => !['get', 'list', 'watch'].includes(v)),
      [],
    );
    assert.ok(ours.some((r) => r.status === 500) && ours.some((r) => r.status === 403), 'the faults were really met');
  } finally {
    await core.stop();
    await t.simApi('POST', '/sim/v1/faults/clear');
  }
});

test('a kind answering 403 is marked forbidden while every other kind syncs, and recovers when allowed', async () => {
  await t.simApi('POST', '/sim/v1/faults/clear');
  await t.kubectl('create', 'configmap', 'visible', '-n', 'default', '--from-literal=k=v');
  await t.simApi('POST', '/sim/v1/faults/forbid?resource=secrets');
  const core = await startCore(t, { waitSync: false });
  try {
    await eventually('secrets forbidden, the rest synced', () => {
      const s = core.cache.syncStatus();
      return (
        s.Secret.state === 'forbidden' && Object.entries(s).every(([k, v]) => k === 'Secret' || v.state === 'synced')
      );
    });
    assert.ok(
      core.engine.snapshot().nodes.some((n) => n.id === 'ConfigMap/default/visible'),
      'the topology still works',
    );
    await t.simApi('POST', '/sim/v1/faults/clear');
    await eventually('secrets synced after the 403 goes away', () => core.cache.syncStatus().Secret.state === 'synced');
  } finally {
    await core.stop();
  }
});

test('an unreachable API server shows as an error per kind; a malformed kubeconfig as a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-bad-'));
  const bad = join(dir, 'broken.kubeconfig');
  writeFileSync(bad, 'apiVersion: v1\nclusters: [\n');
  assert.throws(
    () => clusterConfigs(parseSettings({ KUBECONFIG: bad })),
    (e: Error) => e instanceof KubeConfigError && /kubeconfig .*broken\.kubeconfig is not valid/.test(e.message),
  );

  const unreachable = join(dir, 'unreachable.kubeconfig');
  writeFileSync(
    unreachable,
    t.sim.kubeconfig.replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:9'),
  );
  const core = await startCore({ ...t, kubeconfigPath: unreachable }, { waitSync: false });
  try {
    await eventually('every kind in error', () =>
      Object.values(core.cache.syncStatus()).every((s) => s.state === 'error'),
    );
    assert.match(core.cache.syncStatus().Pod.message ?? '', /ECONNREFUSED|fetch failed/);
  } finally {
    await core.stop();
  }
});
