import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc';

const SOURCES = ['app', 'components', 'lib', 'server', 'public', 'next.config.ts', 'package.json', 'tsconfig.json'];

/** The production server `npm start` runs: Next's standalone output with the edge bundled beside it (standalone.ts). */
export const STANDALONE_SERVER = '.next/standalone/ordinal.mjs';

/** The newest modification time under a path (0 when absent). */
export function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, e) => Math.max(m, newest(join(path, e))), st.mtimeMs);
}

/**
 * True when `.next` holds a production build newer than every source it was built from, and the
 * standalone server (`npm start`'s) newer than the build and than scripts/serve.ts, which it bundles.
 */
export function buildIsFresh(root: string): boolean {
  const id = join(root, '.next', 'BUILD_ID');
  const server = join(root, STANDALONE_SERVER);
  if (!existsSync(id) || !existsSync(server)) return false;
  const built = statSync(id).mtimeMs;
  const bundled = statSync(server).mtimeMs;
  return (
    SOURCES.every((s) => newest(join(root, s)) <= built) &&
    bundled >= built &&
    newest(join(root, 'scripts/serve.ts')) <= bundled
  );
}

/** `npm run build` (next build, then the standalone server) unless the build is fresh; throws when it fails. */
export async function ensureBuilt(root: string): Promise<void> {
  if (buildIsFresh(root)) return;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const next = await run(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    env,
  });
  if (next.code !== 0) throw new Error('next build failed');
  const standalone = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/standalone.ts')], {
    cwd: root,
    env,
  });
  if (standalone.code !== 0) throw new Error('the standalone server could not be bundled (scripts/standalone.ts)');
}
