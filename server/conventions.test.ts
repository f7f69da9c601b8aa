import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** A doc comment followed by another describes nothing: the declaration takes the second only. */
const STACKED = /\/\*\*(?:(?!\*\/)[\s\S])*\*\/[ \t]*\n\s*\/\*\*/g;

test('every doc comment sits on a declaration: none is left stacked on top of another', () => {
  const stacked = ['server', 'lib', 'components', 'app', 'sim', 'scripts', 'bench'].flatMap((d) =>
    sources(join(ROOT, d)).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(STACKED)].map(
        (m) => `${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`,
      );
    }),
  );
  assert.deepEqual(stacked, []);
});
