import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNext, stopNext } from './servers';

const ROOT = resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function waitForLine(proc: ChildProcess, pattern: RegExp, what: string, timeoutMs: number): Promise<string> {
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`${what} not ready within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[0]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`${what} exited with ${code}:\n${out}`));
    });
  });
}

/**
 * The demo cluster at its live pace (setup runs fast; pods then take ~1.5 s to turn
 * Ready and ~1 s to terminate, so the UI can be seen moving) and the built dashboard.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  process.env.ORDINAL_E2E_STATE_DIR = dir;
  const sim = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'demo', '--kubeconfig', kubeconfig, '--termination-ms', '1500'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForLine(sim, /^ready .*$/m, 'sim', 60_000);
  const port = await freePort();
  await startNext(port, kubeconfig);
  process.env.ORDINAL_E2E_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.ORDINAL_E2E_PORT = String(port);
  process.env.ORDINAL_E2E_KUBECONFIG = kubeconfig;
  return async () => {
    stopNext();
    sim.kill('SIGTERM');
  };
}
