import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';
import { test } from 'node:test';
import { loadClientNodeLean } from './clientnode';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:6443' } }]
users: [{ name: u, user: { token: sekret } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`;

test('KubeConfig loads without the generated APIs and models, and still authenticates requests', async () => {
  const loaded: string[] = [];
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const r = nextResolve(specifier, context);
      loaded.push(r.url);
      return r;
    },
  });
  loadClientNodeLean();
  const { KubeConfig } = await import('@kubernetes/client-node/dist/config.js');
  const { RequestContext } = await import('@kubernetes/client-node/dist/gen/http/http.js');
  const kc = new KubeConfig();
  kc.loadFromString(KUBECONFIG);
  const ctx = new RequestContext('https://127.0.0.1:6443/api/v1/pods', 'GET');
  await kc.applySecurityAuthentication(ctx);
  assert.equal(ctx.getHeaders().Authorization, 'Bearer sekret');
  assert.equal(kc.getCurrentCluster()?.server, 'https://127.0.0.1:6443');
  const generated = loaded.filter((u) => u.includes('/client-node/dist/gen/'));
  assert.ok(
    generated.some((u) => u.endsWith('/gen/configuration.js')),
    'the configuration module is loaded',
  );
  assert.deepEqual(
    generated.filter((u) => /\/gen\/(apis|models|types)\//.test(u)),
    [],
    'no generated API or model module',
  );
});
