import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { newest } from './build-if-stale';

/** The history worker's bundle, where server/audit/offthread.ts looks for it: `.next/` of the app. */
export const HISTORY_WORKER = join('.next', 'ordinal-history-worker.mjs');

/**
 * Bundles the history worker (server/audit/worker.ts: verify and the past, off the event loop)
 * into `ROOT/.next/`, when it is missing or older than the server code. The build (standalone.ts)
 * makes it for the image; `npm start`, the demo and the tests from a checkout make it here.
 */
export async function bundleHistoryWorker(root: string): Promise<string> {
  const out = join(root, HISTORY_WORKER);
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(newest(join(root, 'server')), newest(join(root, 'lib'))))
    return out;
  await build({
    entryPoints: [join(root, 'server/audit/worker.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // CommonJS dependencies (fast-json-patch) call require: give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return out;
}
