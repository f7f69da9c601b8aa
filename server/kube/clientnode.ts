import { registerHooks } from 'node:module';

/** The import in client-node's `dist/config.js` that loads every generated API and model. */
const GENERATED_INDEX = './gen/index.js';
const CONFIG_MODULE = '/@kubernetes/client-node/dist/config.js';

/**
 * The generated index for KubeConfig alone: `dist/config.js` takes two names from it
 * (`createConfiguration`, `ServerConfiguration`), for `makeApiClient`, which Ordinal never calls —
 * it speaks REST through its own transport (transport.ts). The whole index is every API and
 * model class (~60 MB of an idle server's 200); these two come from two small modules.
 */
function leanIndex(configUrl: string): string {
  const from = (path: string) => JSON.stringify(new URL(path, configUrl).href);
  const source =
    `export { createConfiguration } from ${from('./gen/configuration.js')};\n` +
    `export { ServerConfiguration } from ${from('./gen/servers.js')};\n`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/**
 * Loads client-node's API modules only as used: from here on, KubeConfig's import of the
 * generated index gets the two names it needs; any other importer of client-node (a test, a
 * script, `import … from '@kubernetes/client-node'`) still gets the whole index. Call it before
 * anything loads client-node (scripts/serve.ts does, first).
 */
export function loadClientNodeLean(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === GENERATED_INDEX && context.parentURL?.endsWith(CONFIG_MODULE))
        return { url: leanIndex(context.parentURL), format: 'module', shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}
