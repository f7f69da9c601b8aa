// `npm start`: the standalone server (`npm run build` makes it), in this process — no TypeScript
// loader at run time. Plain JavaScript on purpose: it runs before anything could compile it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const server = join(import.meta.dirname, '..', '.next', 'standalone', 'ordinal.mjs');
if (!existsSync(server)) {
  console.error('ordinal: no production build here (.next/standalone/ordinal.mjs); run `npm run build` first');
  process.exit(1);
}
await import(pathToFileURL(server).href);
