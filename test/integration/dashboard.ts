import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt, STANDALONE_SERVER } from '../../scripts/build-if-stale';
import { freePort, waitForOutput } from '../../scripts/proc';
import { simEndpoints } from '../../sim/endpoints';
import { dashboardWrites } from '../support/readonly';
import { eventually } from './harness';

/**
 * The dashboard as a browser or script meets it: `npm start`'s server (the production
 * build, built here when missing) against the sim's demo scenario, both child processes.
 */
const ROOT = resolve(import.meta.dirname, '../..');

export interface Dashboard {
  base: string;
  /** The dashboard's process (its memory is read from /proc). */
  pid: number;
  /** The run's own directory: the kubeconfig, and the history file (history.db). */
  dir: string;
  kubeconfig: string;
  simUrl: string;
  kubectl(...args: string[]): Promise<string>;
  /** POST or GET on the sim's test endpoints (faults, request log). */
  simApi(method: 'GET' | 'POST', path: string): Promise<unknown>;
  /** Another dashboard against the same sim, with other settings. */
  another(env: Record<string, string>): Promise<{ base: string; pid: number }>;
  /** Stops both, after checking the dashboards only read (rejects naming any write). */
  close(): Promise<void>;
}

async function start(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  children: ChildProcess[],
): Promise<{ match: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const m = await waitForOutput(child, ready, args.join(' '), 120_000);
  return { match: m[1] ?? m[0], child };
}

/** `npm start`'s server, built once (npm test builds it before the integration tests). */
async function ensureBuild(): Promise<void> {
  if (!existsSync(join(ROOT, STANDALONE_SERVER))) await ensureBuilt(ROOT);
}

/** `simArgs`: more of the sim's flags (`--rbac`: it authorizes every request, as an apiserver with RBAC). */
export async function startDashboard(
  env: Record<string, string> = {},
  o: { simArgs?: string[] } = {},
): Promise<Dashboard> {
  await ensureBuild();
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-dash-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const sim = await start(
    ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'demo', '--fast', '--kubeconfig', kubeconfig, ...(o.simArgs ?? [])],
    {},
    /^ready url=(\S+)/m,
    children,
  );
  const another = async (extra: Record<string, string>) => {
    const port = await freePort();
    const { child } = await start(
      [join(ROOT, STANDALONE_SERVER), '-p', String(port), '-H', '127.0.0.1'],
      {
        NEXT_TELEMETRY_DISABLED: '1',
        KUBECONFIG: kubeconfig,
        ORDINAL_HISTORY: join(dir, 'history.db'),
        ...env,
        ...extra,
      },
      /Ready in/,
      children,
    );
    return { base: `http://127.0.0.1:${port}`, pid: child.pid ?? 0 };
  };
  const main = await another({});
  await eventually('readyz 200', async () => (await fetch(`${main.base}/api/readyz`)).status === 200, 30_000);
  const kubectl = (...args: string[]) =>
    new Promise<string>((res, rej) => {
      const p = spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(err))));
    });
  const simApi = simEndpoints(sim.match, kubeconfig);
  /**
   * Read-only is absolute: before the processes go, every request the dashboards made of the sim
   * (by their User-Agent; kubectl and the tests use others) must have been a get, list or watch.
   */
  const close = async () => {
    try {
      const writes = await dashboardWrites(simApi);
      if (writes.length) throw new Error(`the dashboard asked the cluster to write: ${writes.slice(0, 5).join('; ')}`);
    } finally {
      children.forEach((c) => c.kill('SIGTERM'));
    }
  };
  return { ...main, dir, kubeconfig, simUrl: sim.match, kubectl, simApi, another, close };
}

export interface SseEvent {
  id?: number;
  event: string;
  data: Record<string, unknown>;
}

export async function* sseEvents(res: Response): AsyncGenerator<SseEvent> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const lines = block.split('\n');
      const ev = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
      if (ev && data)
        yield { event: ev, data: JSON.parse(data) as Record<string, unknown>, ...(id ? { id: Number(id) } : {}) };
    }
  }
}

export async function nextEvent(
  it: AsyncGenerator<SseEvent>,
  want: (e: SseEvent) => boolean,
  timeoutMs = 15_000,
): Promise<SseEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await Promise.race([
      it.next(),
      new Promise<null>((res) => setTimeout(() => res(null), Math.max(1, deadline - Date.now()))),
    ]);
    if (r === null || r.done) throw new Error('no matching event before the deadline');
    if (want(r.value)) return r.value;
  }
}

/** Resident memory of a process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
