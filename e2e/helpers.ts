import { execFile, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

/** kubectl against the e2e cluster, asynchronously; rejects with its stderr. */
export function kubectl(...args: string[]): Promise<string> {
  return new Promise((res, rej) =>
    execFile(
      'kubectl',
      args,
      { env: { ...process.env, KUBECONFIG: process.env.ORDINAL_E2E_KUBECONFIG } },
      (e, stdout, stderr) => (e ? rej(new Error(`kubectl ${args.join(' ')}: ${stderr}`)) : res(stdout)),
    ),
  );
}

export function kubectlApply(manifest: string): Promise<string> {
  return new Promise((res, rej) => {
    const p = spawn('kubectl', ['apply', '-f', '-'], {
      env: { ...process.env, KUBECONFIG: process.env.ORDINAL_E2E_KUBECONFIG },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(err))));
    p.stdin.end(manifest);
  });
}

/** Saves a full-page screenshot under test-results/screenshots and attaches it to the report. */
export async function screenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  const dir = join(process.cwd(), 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** API timestamps have second precision: wait until "now" is in a later second than `iso`. */
export async function pastSecondOf(isos: string[]): Promise<void> {
  const latest = Math.max(...isos.map((t) => Date.parse(t)));
  while (Math.floor(Date.now() / 1000) * 1000 <= latest) await new Promise((r) => setTimeout(r, 100));
}
