import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { apiGroup, READ_SUBRESOURCES, WATCHED_KINDS } from '../../server/kube/kinds';
import { ACCESS_REVIEW } from '../../server/access/access';
import { POLICY_KINDS } from '../../server/access/policywatch';
import { freePort, waitForOutput } from '../../scripts/proc';
import { eventually, startTestSim, type TestSim } from './harness';

/**
 * The manifests under deploy/, proven: every overlay renders with `kubectl kustomize` and applies
 * to the sim (server-side dry run); every rule only reads; the ClusterRole names exactly the
 * kinds Ordinal watches; and the dashboard, run as that ServiceAccount the way a pod runs it (in-
 * cluster config: KUBERNETES_SERVICE_HOST/PORT, a token, CA and namespace under its root) against
 * the sim with RBAC on, syncs every kind — and names the kind whose rule is taken away.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const OVERLAYS = ['deploy/base', ...readdirSync(join(ROOT, 'deploy/overlays')).map((o) => `deploy/overlays/${o}`)];
const READ = new Set(['get', 'list', 'watch']);

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  nonResourceURLs?: string[];
}
interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: Rule[];
}

let t: TestSim;
const children: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'ordinal-deploy-'));

function run(cmd: string, args: string[], input?: string): Promise<{ code: number; out: string }> {
  return new Promise((res) => {
    const p = execFile(
      cmd,
      args,
      { cwd: ROOT, env: { ...process.env, KUBECONFIG: t?.kubeconfigPath ?? '' } },
      (err, stdout, stderr) => res({ code: err ? 1 : 0, out: `${stdout}${stderr}` }),
    );
    if (input !== undefined) p.stdin?.end(input);
  });
}

async function render(path: string): Promise<Doc[]> {
  const r = await run('kubectl', ['kustomize', path]);
  assert.equal(r.code, 0, r.out);
  return parseAllDocuments(r.out).map((d) => d.toJS() as Doc);
}

before(async () => {
  t = await startTestSim({ rbac: true });
});
after(async () => {
  for (const c of children) c.kill('SIGTERM');
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('every overlay renders, applies to the sim (server dry run), and every rule only reads', async () => {
  assert.ok(OVERLAYS.length >= 2);
  for (const overlay of OVERLAYS) {
    const docs = await render(overlay);
    // As on a fresh cluster: the namespace first (a dry run creates nothing for the rest to go in).
    await run('kubectl', ['create', 'namespace', 'ordinal']);
    const applied = await run('kubectl', ['apply', '--dry-run=server', '-f', '-'], await renderText(overlay));
    assert.equal(applied.code, 0, `${overlay}: ${applied.out}`);
    for (const d of docs.filter((x) => x.kind === 'ClusterRole' || x.kind === 'Role')) {
      for (const rule of d.rules ?? []) {
        // The one create: a SubjectAccessReview, a question about policy the apiserver stores nothing of.
        const review =
          rule.apiGroups?.join() === ACCESS_REVIEW.group && rule.resources?.join() === ACCESS_REVIEW.resource;
        assert.deepEqual(
          rule.verbs?.filter((v) => !READ.has(v) && !(review && v === 'create')),
          [],
          `${overlay}: ${d.metadata.name} only reads`,
        );
        assert.ok(!rule.resources?.includes('*') && !rule.apiGroups?.includes('*'), `${overlay}: no wildcards`);
        assert.equal(rule.nonResourceURLs, undefined);
      }
    }
    const deployment = docs.find((x) => x.kind === 'Deployment') as unknown as {
      spec: {
        template: { spec: { securityContext: Record<string, unknown>; containers: Array<Record<string, unknown>> } };
      };
    };
    const pod = deployment.spec.template.spec;
    // A sign-in always: the server listens on every interface, and no overlay turns sign-in off.
    const env = (pod.containers.find((c) => c.name === 'ordinal')?.env ?? []) as Array<{
      name: string;
      value?: string;
    }>;
    assert.ok(
      ['proxy', 'oidc'].includes(env.find((e) => e.name === 'ORDINAL_AUTH')?.value ?? ''),
      `${overlay}: signs in`,
    );
    assert.equal(
      env.find((e) => e.name === 'ORDINAL_ALLOW_ANONYMOUS'),
      undefined,
      `${overlay}: never anonymous`,
    );
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.deepEqual(pod.securityContext.seccompProfile, { type: 'RuntimeDefault' });
    for (const c of pod.containers) {
      const sc = c.securityContext as Record<string, unknown>;
      assert.deepEqual(
        [sc.readOnlyRootFilesystem, sc.allowPrivilegeEscalation, sc.capabilities],
        [true, false, { drop: ['ALL'] }],
        `${overlay}: container ${String(c.name)} is locked down`,
      );
    }
  }
});

async function renderText(path: string): Promise<string> {
  return (await run('kubectl', ['kustomize', path])).out;
}

test('the ClusterRole reads exactly the kinds Ordinal watches, no more', async () => {
  const role = (await render('deploy/base')).find((d) => d.kind === 'ClusterRole');
  const granted = (role?.rules ?? []).flatMap((r) =>
    (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).map((res) => `${g}/${res}`)),
  );
  const watched = Object.values(WATCHED_KINDS).map((k) => `${apiGroup(k)}/${k.plural}`);
  const subresources = READ_SUBRESOURCES.map((r) => `${r.group}/${r.resource}`);
  const policy = [
    ...POLICY_KINDS.map((k) => `${apiGroup(k)}/${k.plural}`),
    `${ACCESS_REVIEW.group}/${ACCESS_REVIEW.resource}`,
  ];
  assert.deepEqual(granted.sort(), [...watched, ...subresources, ...policy].sort());
  // A subresource is read with get alone: never list or watch (a log is not a collection).
  for (const r of role?.rules ?? [])
    if ((r.resources ?? []).some((x) => x.includes('/'))) assert.deepEqual(r.verbs, ['get']);
});

/** A pod's view of its service account under `root`: token, CA and namespace, as the kubelet mounts them. */
async function podRoot(root: string): Promise<void> {
  const sa = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
  mkdirSync(sa, { recursive: true });
  const token = await run('kubectl', ['create', 'token', 'ordinal', '-n', 'ordinal', '--duration=1h']);
  assert.equal(token.code, 0, token.out);
  writeFileSync(join(sa, 'token'), token.out.trim());
  writeFileSync(join(sa, 'ca.crt'), t.sim.caCert);
  writeFileSync(join(sa, 'namespace'), 'ordinal');
}

async function readyz(base: string): Promise<{ status: number; kinds: Record<string, string> }> {
  const r = await fetch(`${base}/api/readyz`);
  return { status: r.status, kinds: ((await r.json()) as { kinds: Record<string, string> }).kinds };
}

test('run as that ServiceAccount in-cluster, every kind syncs; without one rule, readyz names exactly its kinds forbidden', async () => {
  const applied = await run('kubectl', ['apply', '-f', '-'], await renderText('deploy/base'));
  assert.equal(applied.code, 0, applied.out);
  const root = join(dir, 'pod');
  await podRoot(root);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: String(t.sim.port),
    ORDINAL_IN_CLUSTER_ROOT: root,
    ORDINAL_HISTORY: join(dir, 'history.db'),
    ORDINAL_FORBIDDEN_RETRY_MS: '1000',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
  };
  delete env.KUBECONFIG;
  // The standalone server, as the image runs it (npm test builds it: scripts/standalone.ts).
  const child = spawn(
    process.execPath,
    [join(ROOT, '.next/standalone/ordinal.mjs'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  await waitForOutput(child, /Ready in/, 'the dashboard', 120_000);
  const base = `http://127.0.0.1:${port}`;
  const synced = async () => {
    const r = await readyz(base);
    return r.status === 200 && Object.values(r.kinds).every((k) => k === 'synced');
  };
  await eventually('every kind synced as the ServiceAccount', synced, 60_000);
  const role = (await render('deploy/base')).find((d) => d.kind === 'ClusterRole') as Doc;
  // Take each rule away in turn (the watches restarted, as after a relist): exactly its kinds are refused.
  for (const [i, rule] of (role.rules ?? []).entries()) {
    const without = { ...role, rules: (role.rules ?? []).filter((_, j) => j !== i) };
    await run('kubectl', ['apply', '-f', '-'], JSON.stringify(without));
    await t.simApi('POST', '/sim/v1/faults/drop-watches');
    const expected = Object.values(WATCHED_KINDS)
      .filter((k) => (rule.resources ?? []).includes(k.plural) && (rule.apiGroups ?? []).includes(apiGroup(k)))
      .map((k) => k.kind)
      .sort();
    let last = {};
    const named = await eventually(
      `readyz naming ${expected.join(', ')}`,
      async () => {
        const r = await readyz(base);
        last = r;
        const forbidden = Object.entries(r.kinds)
          .filter(([, s]) => s.startsWith('forbidden'))
          .map(([k]) => k)
          .sort();
        // Still ready (a 403 is the cluster's answer, shown on every page), and named as forbidden.
        return forbidden.length === expected.length ? forbidden : undefined;
      },
      30_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; last readyz: ${JSON.stringify(last)}`);
    });
    assert.deepEqual(named, expected);
    await run('kubectl', ['apply', '-f', '-'], JSON.stringify(role));
    await eventually('every kind back', synced, 30_000);
  }
  const log = (await t.simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; user?: string }>;
  const mine = log.filter((r) => r.user === 'system:serviceaccount:ordinal:ordinal');
  assert.ok(mine.length > 0);
  assert.deepEqual(
    [...new Set(mine.map((r) => r.verb))].filter((v) => !READ.has(v)),
    [],
    'the dashboard only reads',
  );
});
