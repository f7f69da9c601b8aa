import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
after(() => children.forEach((c) => c.kill('SIGKILL')));

interface Running {
  proc: ChildProcess;
  kubeconfig: string;
  output: () => string;
  kubectl(...args: string[]): Promise<string>;
}

/** Starts `npm run sim` as a user would (via tsx) and waits for its `ready` line. */
function runSim(args: string[]): Promise<Running> {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'ordinal-cli-')), 'kubeconfig');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--kubeconfig', kubeconfig, ...args], {
    cwd: ROOT,
  });
  children.push(proc);
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const kubectl = (...a: string[]) =>
    new Promise<string>((res, rej) =>
      execFile('kubectl', a, { env: { ...process.env, KUBECONFIG: kubeconfig } }, (e, stdout, stderr) =>
        e ? rej(new Error(`${a.join(' ')}: ${stderr}`)) : res(stdout),
      ),
    );
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`sim did not print ready within 60 s:\n${out}`)), 60_000);
    proc.stdout?.on('data', () => {
      if (/^ready /m.test(out)) {
        clearTimeout(timer);
        res({ proc, kubeconfig, output: () => out, kubectl });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`sim exited with ${code}:\n${out}`));
    });
  });
}

function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((res) => proc.on('exit', (code) => res(code)));
}

test('the demo scenario shows every trouble case in kubectl get output, and stops cleanly on SIGTERM', async () => {
  const sim = await runSim(['--scenario', 'demo', '--fast']);
  assert.match(sim.output(), /^ready url=https:\/\/127\.0\.0\.1:\d+ kubeconfig=\S+ scenario=demo/m);
  // A claim Pending for a missing StorageClass, and its pod Pending.
  assert.match(await sim.kubectl('get', 'pvc', '-n', 'analytics', 'data-etcd-0'), /data-etcd-0\s+Pending\s+fast/);
  assert.match(await sim.kubectl('get', 'pod', '-n', 'analytics', 'etcd-0'), /etcd-0\s+0\/1\s+Pending/);
  // A rollout stuck at one ordinal: kafka-2 on the new revision, never Ready.
  assert.match(await sim.kubectl('get', 'sts', '-n', 'messaging', 'kafka'), /kafka\s+2\/3/);
  assert.match(await sim.kubectl('get', 'pod', '-n', 'messaging', 'kafka-2'), /kafka-2\s+0\/1\s+Running/);
  const [cur, upd] = (
    await sim.kubectl(
      'get',
      'sts',
      '-n',
      'messaging',
      'kafka',
      '-o',
      'jsonpath={.status.currentRevision} {.status.updateRevision}',
    )
  ).split(' ');
  assert.notEqual(cur, upd);
  // Orphaned claims after the cassandra scale-down from 5 to 3.
  const claims = await sim.kubectl('get', 'pvc', '-n', 'analytics');
  assert.match(claims, /data-cassandra-3\s+Bound/);
  assert.match(claims, /data-cassandra-4\s+Bound/);
  assert.doesNotMatch(await sim.kubectl('get', 'pods', '-n', 'analytics'), /cassandra-[34]/);
  // A Released volume.
  assert.match(await sim.kubectl('get', 'pv'), /Retain\s+Released\s+analytics\/nightly-backup/);
  // A Service selecting nothing.
  assert.match(
    await sim.kubectl('get', 'endpoints', '-n', 'analytics', 'metrics-exporter'),
    /metrics-exporter\s+<none>/,
  );
  // A ConfigMap changed after its pods started: its last write is later than every redis pod's start.
  const cm = JSON.parse(
    await sim.kubectl('get', 'cm', '-n', 'databases', 'redis-config', '-o', 'json', '--show-managed-fields'),
  ) as { metadata: { managedFields: Array<{ manager: string; time: string }> } };
  const edit = cm.metadata.managedFields.find((m) => m.manager === 'kubectl-edit');
  assert.ok(edit, 'the ConfigMap was edited in place');
  const pods = JSON.parse(
    await sim.kubectl('get', 'pods', '-n', 'databases', '-l', 'app.kubernetes.io/name=redis', '-o', 'json'),
  ) as { items: Array<{ status: { startTime: string } }> };
  assert.equal(pods.items.length, 3);
  for (const p of pods.items) assert.ok(Date.parse(p.status.startTime) <= Date.parse(edit.time));
  // The partitioned canary: only postgres-2 on the update revision.
  const pg = await sim.kubectl(
    'get',
    'pods',
    '-n',
    'databases',
    '-l',
    'app.kubernetes.io/name=postgres',
    '-o',
    'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.controller-revision-hash}{"\\n"}{end}',
  );
  const revs = Object.fromEntries(
    pg
      .trim()
      .split('\n')
      .map((l) => l.split('=')),
  );
  assert.equal(revs['postgres-0'], revs['postgres-1']);
  assert.notEqual(revs['postgres-2'], revs['postgres-0']);

  sim.proc.kill('SIGTERM');
  assert.equal(await exitOf(sim.proc), 0);
});

test('real kubectl dumps load with --load --no-controllers and read back field for field', async () => {
  const dir = join(ROOT, 'test/fixtures/real/k9s');
  const sim = await runSim(['--scenario', 'empty', '--no-controllers', '--load', dir]);
  assert.match(sim.output(), /loaded 6 objects/);
  const cases: Array<[string, string[]]> = [
    ['sts.json', ['get', 'sts', 'nginx-sts', '-n', 'default']],
    ['pvc.json', ['get', 'pvc', 'www-nginx-sts-0', '-n', 'default']],
    ['pv.json', ['get', 'pv', 'pvc-07aa4e2c-8726-11e9-a8e8-42010a80015b']],
    ['svc.json', ['get', 'svc', 'dictionary1', '-n', 'default']],
    ['cm.json', ['get', 'cm', 'blee', '-n', 'default']],
    ['sc.json', ['get', 'sc', 'standard']],
  ];
  for (const [file, args] of cases) {
    const original = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { metadata: Record<string, unknown> };
    const back = JSON.parse(await sim.kubectl(...args, '-o', 'json')) as { metadata: Record<string, unknown> };
    const strip = (o: { metadata: Record<string, unknown> }) => ({
      ...o,
      metadata: { ...o.metadata, resourceVersion: undefined, selfLink: undefined },
    });
    assert.deepEqual(
      JSON.parse(JSON.stringify(strip(back))),
      JSON.parse(JSON.stringify(strip(original))),
      `${file} reads back as loaded`,
    );
  }
  // Frozen: nothing reconciles the StatefulSet that has no pods.
  assert.equal((await sim.kubectl('get', 'pods', '-A', '-o', 'name')).trim(), '');
  sim.proc.kill('SIGINT');
  assert.equal(await exitOf(sim.proc), 0);
});

test('bad arguments and unreadable load paths exit with 2 and say why', async () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((res) => {
      execFile(process.execPath, ['--import', 'tsx', 'sim/cli.ts', ...args], { cwd: ROOT }, (e, stdout, stderr) =>
        res({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
      );
    });
  const bad = await run(['--scenario', 'nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.out, /--scenario must be demo, empty or scale/);
  const frozenDemo = await run(['--no-controllers']);
  assert.equal(frozenDemo.code, 2);
  assert.match(frozenDemo.out, /use it with --scenario empty/);
  const missing = await run([
    '--scenario',
    'empty',
    '--load',
    '/nonexistent/dump.yaml',
    '--kubeconfig',
    join(tmpdir(), 'x.kubeconfig'),
  ]);
  assert.equal(missing.code, 2);
  assert.match(missing.out, /no such file or directory/);
});
