import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { STANDALONE_SERVER } from '../../scripts/build-if-stale';
import { freePort, waitForOutput } from '../../scripts/proc';
import { simEndpoints, type SimApi } from '../../sim/endpoints';

/** The processes a bench run drives: the sim and the production server, as a user starts them. */
export const ROOT = resolve(import.meta.dirname, '../..');

export interface SimProcess {
  url: string;
  kubeconfig: string;
  setupSeconds: number;
  child: ChildProcess;
  api: SimApi;
}

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function node(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** e.g. with --trace-gc: ORDINAL_BENCH_SERVER_LOG=/tmp/server.log (ORDINAL_BENCH_SIM_LOG) keeps what it prints. */
function keepOutput(child: ChildProcess, file: string | undefined): void {
  if (file) for (const out of [child.stdout, child.stderr]) out?.on('data', (b: Buffer) => appendFileSync(file, b));
}

export async function startSim(args: string[], kubeconfig: string, timeoutMs: number): Promise<SimProcess> {
  // ORDINAL_BENCH_SIM_ARGS: node flags for the sim, as ORDINAL_BENCH_SERVER_ARGS for the server (a profile under load).
  const extra = (process.env.ORDINAL_BENCH_SIM_ARGS ?? '').split(' ').filter(Boolean);
  const child = node([
    ...extra,
    '--max-old-space-size=16384',
    '--import',
    'tsx',
    'sim/cli.ts',
    ...args,
    '--kubeconfig',
    kubeconfig,
  ]);
  keepOutput(child, process.env.ORDINAL_BENCH_SIM_LOG);
  const m = await waitForOutput(child, /^ready url=(\S+) .* setup=([\d.]+)s/m, 'sim', timeoutMs);
  const api = simEndpoints(m[1], kubeconfig);
  return { url: m[1], kubeconfig, setupSeconds: Number(m[2]), child, api };
}

export interface ServerProcess {
  base: string;
  pid: number;
  /** ms from spawn to the first 200 of /api/readyz. */
  syncMs: number;
}

/** How the server is run: `npm start`'s standalone output, or from the sources through tsx (as `npm start` ran before). */
const ENTRIES = {
  standalone: [join(ROOT, STANDALONE_SERVER)],
  sources: ['--import', 'tsx', join(ROOT, 'scripts/serve.ts')],
} as const;

/** `npm start`'s server (the standalone output, STANDALONE_SERVER) on a free port, timed from spawn until readyz answers 200. */
export async function startServer(
  kubeconfig: string,
  timeoutMs: number,
  env: Record<string, string> = {},
  entry: keyof typeof ENTRIES = 'standalone',
): Promise<ServerProcess> {
  const port = await freePort();
  const started = Date.now();
  // e.g. ORDINAL_BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under the run's load.
  const extra = (process.env.ORDINAL_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = node([...extra, ...ENTRIES[entry], '-p', String(port), '-H', '127.0.0.1'], {
    KUBECONFIG: kubeconfig,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    // The history records as it does for a user (on), to a file of this run's own.
    ORDINAL_HISTORY: process.env.ORDINAL_HISTORY ?? join(dirname(kubeconfig), 'history.db'),
    ...env,
    // 200 viewers come from one address here; in production they come from many.
    ORDINAL_MAX_STREAMS_PER_CLIENT: '1000',
  });
  const base = `http://127.0.0.1:${port}`;
  keepOutput(child, process.env.ORDINAL_BENCH_SERVER_LOG);
  await waitForOutput(child, /Ready in|ready on|listening/i, 'server', timeoutMs);
  for (;;) {
    if (Date.now() - started > timeoutMs) throw new Error(`server: readyz not 200 within ${timeoutMs / 1000} s`);
    const ok = await fetch(`${base}/api/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { base, pid: child.pid ?? 0, syncMs: Date.now() - started };
}

/** Resident memory of a process and every descendant, from /proc. */
export function treeRss(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      total += Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const k of kids ? kids.split(/\s+/) : []) visit(Number(k));
      }
    } catch {
      // the process ended between reads
    }
  };
  visit(pid);
  return total;
}

const EXIT_WAIT_MS = 60_000;

/**
 * SIGTERM to every child, then waits (up to 60 s) for them to exit: a profiled server or sim writes
 * its profile then, which takes tens of seconds after a 20k run.
 */
export async function stopAll(): Promise<void> {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  const exited = alive.map((c) => new Promise((r) => c.once('exit', r)));
  for (const c of alive) c.kill('SIGTERM');
  await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, EXIT_WAIT_MS))]);
}

/** Stops one server (SIGTERM) and waits for it to exit (up to 60 s). */
export async function stopServer(s: ServerProcess): Promise<void> {
  await stopProcess(s.pid);
}

/** Stops one process this run started (SIGTERM) and waits for it to exit (up to 60 s). */
export async function stopProcess(pid: number | undefined): Promise<void> {
  const c = children.find((x) => x.pid === pid);
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, EXIT_WAIT_MS))]);
}
