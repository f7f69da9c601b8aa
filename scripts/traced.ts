import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** A file `npm test` leaves in `.ordinal/` before it builds, so the check below has something to miss. */
export const BUILD_CANARY = 'build-canary';

/**
 * What of the process's state (`.ordinal/`: the fingerprint key, which seals sessions too, and
 * the history) a build carries: every file trace (`.nft.json`) entry under `.ordinal/` — what Next
 * copies into the standalone output — and the canary `npm test` leaves in `.ordinal/` before it
 * builds, if a copy of it sits there. (A standalone server run from that folder makes its own
 * `.ordinal/` at run time: that is the server's state, not the build's.) Empty when none.
 */
export function stateInBuild(root: string): string[] {
  const next = join(root, '.next');
  const found: string[] = [];
  if (existsSync(join(next, 'standalone', '.ordinal', BUILD_CANARY)))
    found.push(`.next/standalone/.ordinal/${BUILD_CANARY}`);
  for (const trace of nftFiles(next)) {
    const { files } = JSON.parse(readFileSync(trace, 'utf8')) as { files?: string[] };
    for (const f of files ?? []) {
      const to = resolve(join(trace, '..'), f);
      if (to.split(/[\\/]/).includes('.ordinal')) found.push(`${relative(root, trace)} → ${relative(root, to)}`);
    }
  }
  return found;
}

function* nftFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'cache') yield* nftFiles(p);
    else if (e.isFile() && e.name.endsWith('.nft.json')) yield p;
  }
}
