import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { run } from './proc';
import { BUILD_CANARY } from './traced';
import { postgresBin } from '../test/support/postgres';

/**
 * `npm test`: typecheck, lint, unit, integration and e2e (Playwright in Debian's
 * Chromium, installed with apt when missing and running as root). Ends with one
 * summary line "tests: N passed, N failed". nginx (the sub-path spec) is installed the same way.
 */
const ROOT = resolve(import.meta.dirname, '..');
const node = process.execPath;
const bin = (name: string) => resolve(ROOT, 'node_modules/.bin', name);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Step {
  name: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  /** Counts from the runner's own summary; a step without tests counts as one check. */
  count?: (out: string) => { passed: number; failed: number } | undefined;
}

const nodeTestCounts = (out: string) => {
  const pass = /^ℹ pass (\d+)$/m.exec(out);
  const fail = /^ℹ fail (\d+)$/m.exec(out);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
};
const playwrightCounts = (out: string) => {
  const passed = /(\d+) passed/.exec(out);
  const failed = /(\d+) failed/.exec(out);
  return passed || failed ? { passed: Number(passed?.[1] ?? 0), failed: Number(failed?.[1] ?? 0) } : undefined;
};

/**
 * Debian packages the suite needs (Chromium for e2e and the bench, nginx for the sub-path test, PostgreSQL for the
 * shared history, Noto CJK so the zh-CN pages' screenshots show Chinese glyphs, not boxes).
 */
interface Package {
  bin: string;
  pkg: string;
  env: string;
  /** For a binary whose path is not fixed (PostgreSQL's has its version in it). */
  present?: () => boolean;
}
const PACKAGES: Package[] = [
  { bin: CHROMIUM, pkg: 'chromium', env: 'CHROMIUM_PATH' },
  { bin: process.env.NGINX_PATH ?? '/usr/sbin/nginx', pkg: 'nginx-light', env: 'NGINX_PATH' },
  {
    bin: '/usr/lib/postgresql/*/bin/initdb',
    pkg: 'postgresql',
    env: 'PATH',
    present: () => postgresBin() !== undefined,
  },
  { bin: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', pkg: 'fonts-noto-cjk', env: 'PATH' },
];
const installed = (p: Package) => (p.present ? p.present() : existsSync(p.bin));

/** Installs what is missing with apt when running as root; waits for the dpkg lock rather than failing on it. */
async function ensurePackages(): Promise<boolean> {
  const missing = PACKAGES.filter((p) => !installed(p));
  if (!missing.length) return true;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`test: installing ${missing.map((p) => p.pkg).join(', ')} with apt-get`);
    const update = await run('apt-get', [...lock, 'update'], { env });
    if (update.code === 0)
      await run('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...missing.map((p) => p.pkg)], {
        env,
      });
  }
  const still = PACKAGES.filter((p) => !installed(p));
  for (const p of still)
    console.error(
      `test: ${p.bin} is missing. Install it with: sudo apt-get install -y ${p.pkg} (or point ${p.env} at one)`,
    );
  return still.length === 0;
}

async function main(): Promise<void> {
  const missing = ['kubectl'].filter((c) => !process.env.PATH?.split(':').some((d) => existsSync(resolve(d, c))));
  if (missing.length) {
    console.error(
      `test: ${missing.join(', ')} not found on PATH; the integration suite drives the sim with kubectl 1.32`,
    );
    process.exit(1);
  }
  const steps: Step[] = [
    { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
    { name: 'lint', cmd: bin('eslint'), args: ['.', '--max-warnings=0'] },
    // Layout is Prettier's (.prettierrc.json); `npm run format` writes it.
    { name: 'format', cmd: bin('prettier'), args: ['--check', '.'] },
    {
      name: 'unit',
      cmd: node,
      args: [
        '--conditions=react-server',
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        'sim/**/*.test.ts',
        'server/**/*.test.ts',
        'lib/**/*.test.ts',
        'components/**/*.test.ts',
      ],
      count: nodeTestCounts,
    },
    {
      name: 'build',
      cmd: node,
      args: [resolve(ROOT, 'node_modules/next/dist/bin/next'), 'build'],
      env: { NEXT_TELEMETRY_DISABLED: '1' },
    },
    // The production server as the Dockerfile copies it (the in-cluster test runs it).
    { name: 'standalone', cmd: node, args: ['--import', 'tsx', resolve(ROOT, 'scripts/standalone.ts')] },
    {
      name: 'integration',
      cmd: node,
      args: [
        '--conditions=react-server',
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        '--test-concurrency=1',
        'test/integration/**/*.test.ts',
      ],
      count: nodeTestCounts,
    },
    {
      name: 'e2e',
      cmd: node,
      args: [resolve(ROOT, 'node_modules/@playwright/test/cli.js'), 'test'],
      count: playwrightCounts,
    },
    {
      name: 'bench',
      cmd: node,
      args: ['--import', 'tsx', '--test', '--test-reporter=spec', 'bench/smoke.test.ts'],
      count: nodeTestCounts,
    },
  ];
  // State the build must not carry, there before it builds: the build check (standalone.ts, and
  // test/integration/build.test.ts) then proves the tracer left .ordinal/ alone, not that it was empty.
  mkdirSync(resolve(ROOT, '.ordinal'), { recursive: true });
  writeFileSync(resolve(ROOT, '.ordinal', BUILD_CANARY), 'the build must not carry this file\n');
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  for (const step of steps) {
    if ((step.name === 'e2e' || step.name === 'bench') && !(await ensurePackages())) {
      failed++;
      failures.push(`${step.name} (missing packages)`);
      continue;
    }
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    const r = await run(step.cmd, step.args, { cwd: ROOT, env: { ...process.env, ...step.env } });
    const counted = step.count?.(r.output);
    const p = counted?.passed ?? (r.code === 0 ? 1 : 0);
    const f = counted?.failed ?? (r.code === 0 ? 0 : 1);
    const stepFailed = r.code !== 0 || f > 0;
    passed += p;
    failed += stepFailed && f === 0 ? 1 : f;
    if (stepFailed) failures.push(step.name);
    console.log(
      `=== ${step.name}: ${stepFailed ? 'FAILED' : 'ok'} (${((Date.now() - started) / 1000).toFixed(1)} s) ===`,
    );
  }
  console.log(failures.length ? `\nfailed steps: ${failures.join(', ')}` : '\nall steps passed');
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
