import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['app', 'components', 'lib', 'server', 'public', 'next.config.ts', 'package.json', 'tsconfig.json'];

/** The newest modification time under a path (0 when absent). */
export function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, e) => Math.max(m, newest(join(path, e))), st.mtimeMs);
}

/** True when `.next` holds a production build newer than every source it was built from. */
export function buildIsFresh(root: string): boolean {
  const id = join(root, '.next', 'BUILD_ID');
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  return SOURCES.every((s) => newest(join(root, s)) <= built);
}
