import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mergeKubeconfigs } from '../test/support/kubeconfig';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort, waitForOutput } from '../scripts/proc';
import { screenshot } from './helpers';

/**
 * Two clusters in one dashboard, in Chromium: the run's demo cluster (`east`, the default) and a
 * second, empty sim (`west`). The picker moves between them, links stay in the chosen cluster,
 * and stopping `west` shows it unreachable while `east` stays live.
 */
const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ordinal-e2e-clusters-'));
const westConfig = join(dir, 'west.kubeconfig');
let sim: ChildProcess | undefined;
let server: ChildProcess | undefined;
let dash = '';

const westKubectl = (...args: string[]) =>
  new Promise<string>((res, rej) =>
    execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: westConfig } }, (e, out, err) =>
      e ? rej(new Error(err)) : res(out),
    ),
  );

test.beforeAll(async () => {
  sim = spawn(
    process.execPath,
    ['--import', 'tsx', 'sim/cli.ts', '--scenario', 'empty', '--fast', '--kubeconfig', westConfig],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForOutput(sim, /^ready url=/m, 'west sim', 60_000);
  const merged = join(dir, 'two.kubeconfig');
  mergeKubeconfigs(merged, { east: String(process.env.ORDINAL_E2E_KUBECONFIG), west: westConfig });
  const port = await freePort();
  dash = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [join(ROOT, '.next/standalone/ordinal.mjs'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: join(ROOT, '.next/standalone'),
      env: { ...process.env, KUBECONFIG: merged, ORDINAL_HISTORY: 'off', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForOutput(server, /Ready in/, 'standalone server', 60_000);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  sim?.kill('SIGTERM');
});

test('the picker moves between clusters; links stay in the chosen one; a stopped cluster says so, the other stays live', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await page.goto(`${dash}/statefulsets`);
  const picker = page.locator('.cluster-picker select');
  await expect(picker).toHaveValue('east');
  await expect(page.locator('[data-connection="live"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'postgres', exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await Promise.all([page.waitForURL(`${dash}/c/west/`), picker.selectOption('west')]);
  await westKubectl('create', 'namespace', 'westside');
  await westKubectl('create', 'service', 'clusterip', 'sunset', '--tcp=80:80', '-n', 'westside');
  await page.getByRole('link', { name: 'Services' }).click();
  await expect(page).toHaveURL(`${dash}/c/west/services`);
  await expect(page.getByText('sunset').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('postgres')).toHaveCount(0);
  await screenshot(page, info, 'clusters-west');
  sim?.kill('SIGTERM');
  await expect(page.locator('.cluster-picker option[value="west"]')).toHaveAttribute('data-state', 'unreachable', {
    timeout: 45_000,
  });
  await Promise.all([page.waitForURL(`${dash}/`), picker.selectOption('east')]);
  await expect(page.locator('[data-connection="live"]')).toBeVisible({ timeout: 30_000 });
});
