import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { freshCluster } from '../../sim/cluster';
import { FAST_TIMING } from '../../sim/controllers/runtime';
import { startSim, type Sim } from '../../sim/index';
import type { StaticToken } from '../../sim/auth/authn';

export interface TestSim {
  sim: Sim;
  kubeconfigPath: string;
  kc: KubeConfig;
  kubectl(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }>;
  simApi(method: 'GET' | 'POST', path: string): Promise<unknown>;
  close(): Promise<void>;
}

/** A sim on a free port with fast timing, three nodes and running controllers, plus kubectl and client-node bound to it. */
export async function startTestSim(
  opts: { bookmarkIntervalMs?: number; historyCapacity?: number; rbac?: boolean; tokens?: StaticToken[] } = {},
): Promise<TestSim> {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-it-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sim = await startSim({ kubeconfigPath, timing: FAST_TIMING, ...opts });
  freshCluster(sim, 3);
  sim.controllers?.start();
  return wrap(sim, kubeconfigPath);
}

async function wrap(sim: Sim, kubeconfigPath: string): Promise<TestSim> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const kubectl = (...args: string[]) =>
    new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile(
        'kubectl',
        args,
        { env: { ...process.env, KUBECONFIG: kubeconfigPath, EDITOR: process.env.EDITOR ?? 'true' }, timeout: 60_000 },
        (err, stdout, stderr) => {
          resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 });
        },
      );
    });
  const simApi = async (method: 'GET' | 'POST', path: string) => {
    const { request } = await import('node:https');
    return new Promise((resolve, reject) => {
      const req = request(
        `${sim.url}${path}`,
        { method, ca: sim.caCert, headers: { Authorization: `Bearer ${sim.token}` } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () =>
            res.statusCode && res.statusCode < 300
              ? resolve(JSON.parse(body))
              : reject(new Error(`${res.statusCode} ${body}`)),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  };
  return { sim, kubeconfigPath, kc, kubectl, simApi, close: () => sim.close() };
}

/** Polls `check` until it returns a truthy value or the deadline passes; the failure names what was awaited. */
export async function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A sim without controllers holding just what `paths` (kubectl dumps) hold: nothing reconciles it. */
export async function startFrozenSim(paths: string[]): Promise<TestSim> {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-frozen-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sim = await startSim({ kubeconfigPath, controllers: false });
  const { loadPaths } = await import('../../sim/load');
  loadPaths(sim.registry, paths);
  return wrap(sim, kubeconfigPath);
}

/** The demo scenario in-process (fast timing), for tests that need every trouble case. */
export async function startDemoSim(): Promise<TestSim> {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-demo-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const sim = await startSim({ kubeconfigPath, timing: FAST_TIMING });
  sim.controllers?.start();
  const { demoScenario } = await import('../../sim/scenarios/demo/index');
  await demoScenario(sim);
  const base = await wrap(sim, kubeconfigPath);
  return base;
}
