import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitForOutput } from '../scripts/proc';
import { simEndpoints } from '../sim/endpoints';
import { dashboardWrites } from '../test/support/readonly';
import { startNext, stopNext } from './servers';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The demo cluster at its live pace (setup runs fast; pods then take ~1.5 s to turn
 * Ready and ~1 s to terminate, so the UI can be seen moving) and the built dashboard.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  process.env.ORDINAL_E2E_STATE_DIR = dir;
  const sim = spawn(
    process.execPath,
    ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'demo', '--kubeconfig', kubeconfig, '--termination-ms', '1500'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const simUrl = (await waitForOutput(sim, /^ready url=(\S+).*$/m, 'sim', 60_000))[1];
  const port = await freePort();
  await startNext(port, kubeconfig);
  process.env.ORDINAL_E2E_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.ORDINAL_E2E_PORT = String(port);
  process.env.ORDINAL_E2E_KUBECONFIG = kubeconfig;
  return async () => {
    try {
      // Over the whole e2e run, every dashboard (the shared one and each spec's own) only read.
      const writes = await dashboardWrites(simEndpoints(simUrl, kubeconfig));
      if (writes.length) throw new Error(`a dashboard asked the cluster to write: ${writes.slice(0, 5).join('; ')}`);
    } finally {
      stopNext();
      sim.kill('SIGTERM');
    }
  };
}
