import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { buildIsFresh, ensureBuilt, STANDALONE_SERVER } from './build-if-stale';
import { freePort, httpOk, waitForOutput } from './proc';

/**
 * `npm run demo`: the simulated cluster with the demo scenario and the dashboard
 * against it. Prints the dashboard URL and the kubeconfig, so that kubectl changes
 * can be watched live. Ctrl-C stops both.
 */
const ROOT = resolve(import.meta.dirname, '..');
const kubeconfig = resolve(ROOT, '.ordinal/demo.kubeconfig');
const node = process.execPath;
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main(): Promise<void> {
  const sim = spawn(
    node,
    [
      '--import',
      'tsx',
      'sim/cli.ts',
      '--scenario',
      'demo',
      '--kubeconfig',
      kubeconfig,
      '--port',
      process.env.SIM_PORT ?? '0',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(sim);
  const ready = await waitForOutput(sim, /^ready url=(\S+)/m, 'the simulated cluster', 120_000);
  sim.stdout?.pipe(process.stdout);
  console.log(`demo: simulated cluster at ${ready[1]}`);

  if (!buildIsFresh(ROOT)) {
    console.log('demo: building the dashboard (npm run build)…');
    try {
      await ensureBuilt(ROOT);
    } catch (e) {
      console.error(`demo: ${(e as Error).message}`);
      stopAll(1);
    }
  }
  const port = await freePort(Number(process.env.PORT ?? 3000));
  // What `npm start` runs: the standalone server.
  const web = spawn(node, [resolve(ROOT, STANDALONE_SERVER), '-p', String(port)], {
    cwd: ROOT,
    env: { ...process.env, KUBECONFIG: kubeconfig, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(web);
  await waitForOutput(web, /Ready in|started server|Local:/i, 'the dashboard', 120_000);
  web.stdout?.pipe(process.stdout);
  const synced = await httpOk(`http://127.0.0.1:${port}/api/readyz`, 30_000);
  for (const c of children) c.on('exit', (code) => stopAll(code ?? 1));
  console.log(`
  Ordinal demo is running${synced ? '' : ' (its cache is still syncing: see /api/readyz)'}.
    dashboard:   http://localhost:${port}/
    kubeconfig:  ${kubeconfig}
  Change the cluster with kubectl and watch the dashboard follow, live:
    export KUBECONFIG=${kubeconfig}
    kubectl get statefulsets,pvc -A
    kubectl scale statefulset zookeeper -n messaging --replicas=5
  Ctrl-C stops the dashboard and the cluster.
`);
}

main().catch((e: unknown) => {
  console.error(`demo: ${(e as Error).message}`);
  stopAll(1);
});
