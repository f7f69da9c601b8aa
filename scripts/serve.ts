import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadClientNodeLean } from '../server/kube/clientnode';
import { portNumber } from '../server/settings/parse';
import { processSettings } from '../server/settings/process';

/**
 * Where the app is: beside this file when it runs bundled in Next's standalone output
 * (scripts/standalone.ts: what `npm start` and the image run), else the repository root
 * (`npm run dev`). Standalone, Next reads its build-time config from the environment, as the
 * standalone server.js Next writes does, and runs in its folder — entered only once the settings
 * are read, so their relative paths (the state directory, the history) are the caller's.
 */
const HERE = import.meta.dirname;
const STANDALONE = existsSync(join(HERE, '.next/required-server-files.json'));
const ROOT = STANDALONE ? HERE : resolve(HERE, '..');

function enterStandalone(): void {
  const { config } = JSON.parse(readFileSync(join(HERE, '.next/required-server-files.json'), 'utf8')) as {
    config: unknown;
  };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  process.chdir(HERE);
}

/**
 * The dashboard behind Ordinal's HTTP edge: bundled into the standalone output, what `npm start` and
 * the image run; from the sources with --dev, `npm run dev`.
 * Flags as `next start` takes them: -p/--port (else PORT, else 3000), -H/--hostname
 * (else 127.0.0.1: loopback, where no sign-in is the default; see server/edge/auth.ts).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      hostname: { type: 'string', short: 'H' },
      dev: { type: 'boolean', default: false },
    },
  });
  // Every setting read and checked before anything starts: an unusable one stops here, named.
  const settings = processSettings();
  if (STANDALONE) enterStandalone();
  // Before Next's routes load client-node: KubeConfig without the generated APIs it never uses.
  loadClientNodeLean();
  const port = values.port ? portNumber(values.port, '--port') : settings.port;
  const dev = values.dev ?? false;
  // Before Next loads: React and Next read NODE_ENV once.
  (process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';
  const started = Date.now();
  // tsx turns Node's source maps on for the whole process, and Node then keeps every loaded module's
  // map parsed (~50 MB of Next's and client-node's). Production stacks name the JS as run; ask
  // Node for maps (`node --enable-source-maps`, or the same in NODE_OPTIONS) to read them as written.
  const mapsAsked = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes(
    '--enable-source-maps',
  );
  if (!dev && !mapsAsked) process.setSourceMapsEnabled(false);
  // From a checkout (not the standalone output, which has it built): the history worker's bundle.
  if (!STANDALONE && !dev) {
    const { bundleHistoryWorker } = await import('./history-worker');
    await bundleHistoryWorker(ROOT);
  }
  const { serve } = await import('../server/edge/serve');
  const server = await serve({ dir: ROOT, port, hostname: values.hostname ?? '127.0.0.1', dev, settings });
  const addr = server.address();
  const listening = typeof addr === 'object' && addr ? addr.port : port;
  const shown =
    !values.hostname || values.hostname === '0.0.0.0' || values.hostname === '::' ? 'localhost' : values.hostname;
  const base = settings.basePath;
  console.log(
    `✓ Ready in ${Date.now() - started}ms: http://${shown.includes(':') ? `[${shown}]` : shown}:${listening}${base}/`,
  );
}

main().catch((e: unknown) => {
  console.error(`ordinal: ${(e as Error).message}`);
  process.exit(1);
});
