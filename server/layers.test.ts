import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

/** The lint rules keep the pipeline's layers pointing one way: an import upward fails `npm test`. */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') });

async function errors(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

test('an import up the pipeline, or from product code into the sim or tests, fails lint', async () => {
  const bad: [string, string][] = [
    ['server/kube/x.ts', "import { topologyStream } from '../stream/sse';\nexport const a = topologyStream;\n"],
    ['server/cache/x.ts', "import { getRuntime } from '@/server/runtime';\nexport const a = getRuntime;\n"],
    ['server/topology/x.ts', "import { serve } from '../edge/serve';\nexport const a = serve;\n"],
    ['server/stream/x.ts', "import { json } from '../api/http';\nexport const a = json;\n"],
    ['server/api/x.ts', "import { startSim } from '../../sim/index';\nexport const a = startSim;\n"],
    ['lib/x.ts', "import { normalize } from '../server/cache/normalize';\nexport const a = normalize;\n"],
    ['components/x.ts', "import { TopologyEngine } from '@/server/stream/engine';\nexport const a = TopologyEngine;\n"],
  ];
  for (const [file, code] of bad)
    assert.ok((await errors(file, code)).includes('import/no-restricted-paths'), `${file}: ${code.split('\n')[0]}`);
});

test('imports down the pipeline pass', async () => {
  const good: [string, string][] = [
    ['server/stream/x.ts', "import { normalize } from '../cache/normalize';\nexport const a = normalize;\n"],
    ['server/cache/x.ts', "import { Backoff } from '../kube/backoff';\nexport const a = Backoff;\n"],
    ['server/edge/x.ts', "import { streamRegistry } from '../stream/registry';\nexport const a = streamRegistry;\n"],
  ];
  for (const [file, code] of good) assert.deepEqual(await errors(file, code), [], file);
});

test('the environment is read by the settings module alone: reading it anywhere else in the product fails lint', async () => {
  // Spelled in two parts, so the one place the product reads the environment stays the one a search finds.
  const read = `export const a = ${'process'}.env.ORDINAL_AUTH;\n`;
  for (const file of ['server/edge/x.ts', 'server/cache/x.ts', 'app/api/x/route.ts', 'lib/x.ts', 'components/x.tsx'])
    assert.ok((await errors(file, read)).includes('no-restricted-properties'), file);
  assert.deepEqual(await errors('server/settings/process.ts', read), []);
});
