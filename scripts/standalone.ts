import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { stateInBuild } from './traced';
import { bundleHistoryWorker, HISTORY_WORKER } from './history-worker';

/**
 * After `next build` (output: 'standalone'): the edge server bundled beside Next's standalone
 * output, so `.next/standalone/` alone serves the dashboard — `node .next/standalone/ordinal.mjs`
 * — what the Dockerfile copies and the in-cluster test runs. Next itself stays a package of the
 * standalone tree (its own tracing put it there); the edge's own dependencies are bundled in.
 */
const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.next/standalone');

async function main(): Promise<void> {
  if (!existsSync(join(OUT, '.next/required-server-files.json')))
    throw new Error('run `next build` first (output: standalone)');
  // The key and the history are the running server's: a build that carries them is refused.
  const leaked = stateInBuild(ROOT);
  if (leaked.length)
    throw new Error(`the build carries the process's state (.ordinal/): ${leaked.slice(0, 5).join(', ')}`);
  await build({
    entryPoints: [join(ROOT, 'scripts/serve.ts')],
    outfile: join(OUT, 'ordinal.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // esbuild only bundles the history worker from a checkout (serve.ts); the image has it built.
    external: ['next', 'next/*', 'esbuild'],
    // CommonJS dependencies (compression, prom-client) call require: give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  // The history worker (server/audit/offthread.ts), in the standalone output too: the image's.
  cpSync(await bundleHistoryWorker(ROOT), join(OUT, HISTORY_WORKER));
  // What Next's standalone output leaves to the deployer: the browser's assets.
  cpSync(join(ROOT, '.next/static'), join(OUT, '.next/static'), { recursive: true });
  if (existsSync(join(ROOT, 'public'))) cpSync(join(ROOT, 'public'), join(OUT, 'public'), { recursive: true });
  console.log(`standalone: ${OUT}/ordinal.mjs`);
}

main().catch((e: unknown) => {
  console.error(`standalone: ${(e as Error).message}`);
  process.exit(1);
});
