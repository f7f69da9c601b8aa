import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STANDALONE_SERVER } from '../scripts/build-if-stale';
import { httpOk } from '../scripts/proc';

/** The dashboard under test: started by global-setup, restartable by a test (to drop its streams). */
const ROOT = resolve(import.meta.dirname, '..');

export function stateDir(): string {
  const d = process.env.ORDINAL_E2E_STATE_DIR;
  if (!d) throw new Error('ORDINAL_E2E_STATE_DIR is not set: run through playwright test');
  return d;
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  if (!(await httpOk(url, timeoutMs))) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function startNext(port: number, kubeconfig: string): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, STANDALONE_SERVER), '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    // The history lives with the run's state, so a restarted dashboard finds its own record.
    env: {
      ...process.env,
      KUBECONFIG: kubeconfig,
      NEXT_TELEMETRY_DISABLED: '1',
      ORDINAL_HISTORY: join(stateDir(), 'history.db'),
    },
    // Its output goes to a file a failing test can print (a restarted dashboard's errors are otherwise lost).
    stdio: ['ignore', openSync(restartLog(), 'a'), openSync(restartLog(), 'a')],
    detached: true,
  });
  child.unref();
  writeFileSync(join(stateDir(), 'next.pid'), String(child.pid));
  await waitForHttp(`http://127.0.0.1:${port}/api/readyz`, 60_000);
}

/** Where a dashboard started by a test writes its output. */
export const restartLog = (): string => join(stateDir(), 'next-restarted.log');

/** The last `lines` of what restarted dashboards printed, for a failing test's output. */
export function restartLogTail(lines = 40): string {
  return existsSync(restartLog())
    ? readFileSync(restartLog(), 'utf8').split('\n').slice(-lines).join('\n')
    : '(no output)';
}

/** Kills the dashboard outright, as a crash or a lost node would: open streams drop at once. */
export function stopNext(): void {
  const file = join(stateDir(), 'next.pid');
  if (!existsSync(file)) return;
  try {
    process.kill(-Number(readFileSync(file, 'utf8')), 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function waitClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/healthz`);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`port ${port} still answers`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
