import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, test } from 'node:test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startTestSim, type TestSim } from './harness';

/**
 * The sim as an apiserver with RBAC on (`npm run sim -- --rbac`): who is asking (static
 * tokens, service account tokens from TokenRequest, impersonation) and what they may do, through
 * kubectl and client-node unchanged, with the apiserver's 403 Status and reviews.
 */
let t: TestSim;
const ALICE = 'alice-token-0123456789';

before(async () => {
  t = await startTestSim({ rbac: true, tokens: [{ token: ALICE, user: 'alice', groups: ['devs'] }] });
});
after(() => t.close());

/** A raw request as a client sends it: status and parsed body. */
function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      `${t.sim.url}${path}`,
      {
        method,
        ca: t.sim.caCert,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const kubectl = async (...args: string[]) => {
  const r = await t.kubectl(...args);
  return `${r.stdout}${r.stderr}`.trim();
};

test('a user with no binding is refused as the apiserver refuses: 403 Status, worded the same; an unknown token is 401', async () => {
  const r = await call('GET', '/api/v1/pods', ALICE);
  assert.equal(r.status, 403);
  assert.deepEqual(
    { kind: r.body.kind, reason: r.body.reason, code: r.body.code, details: r.body.details },
    { kind: 'Status', reason: 'Forbidden', code: 403, details: { group: '', kind: 'pods' } },
  );
  assert.equal(
    r.body.message,
    'pods is forbidden: User "alice" cannot list resource "pods" in API group "" at the cluster scope',
  );
  assert.equal((await call('GET', '/api/v1/pods', 'nobody')).status, 401);
  // Discovery and health are everyone's (the bootstrap policy), so kubectl can start.
  assert.equal((await call('GET', '/apis', ALICE)).status, 200);
  assert.equal((await call('GET', '/version', ALICE)).status, 200);
  assert.equal(await kubectl('--token', ALICE, 'auth', 'can-i', 'list', 'pods'), 'no');
});

test('bindings grant: a ClusterRole bound to a group everywhere, a Role in one namespace only', async () => {
  await kubectl('create', 'clusterrole', 'pod-reader', '--verb=get,list,watch', '--resource=pods');
  await kubectl('create', 'clusterrolebinding', 'devs-read', '--clusterrole=pod-reader', '--group=devs');
  await kubectl('create', 'namespace', 'team');
  await kubectl(
    'create',
    'role',
    'app-config',
    '-n',
    'team',
    '--verb=get,update',
    '--resource=configmaps',
    '--resource-name=app',
  );
  await kubectl('create', 'rolebinding', 'alice-app', '-n', 'team', '--role=app-config', '--user=alice');
  assert.equal((await call('GET', '/api/v1/pods', ALICE)).status, 200);
  assert.equal(await kubectl('--token', ALICE, 'auth', 'can-i', 'watch', 'pods', '-A'), 'yes');
  assert.equal(await kubectl('--token', ALICE, 'auth', 'can-i', 'delete', 'pods'), 'no');
  assert.equal(await kubectl('--token', ALICE, 'auth', 'can-i', 'update', 'configmaps/app', '-n', 'team'), 'yes');
  assert.equal(await kubectl('--token', ALICE, 'auth', 'can-i', 'update', 'configmaps/other', '-n', 'team'), 'no');
  assert.equal(await kubectl('--token', ALICE, 'auth', 'can-i', 'update', 'configmaps/app', '-n', 'default'), 'no');
  assert.match(await kubectl('--token', ALICE, 'get', 'secrets', '-n', 'team'), /secrets is forbidden: User "alice"/);
});

test('service account tokens: kubectl create token, used by client-node; TokenReview says who; a deleted account’s token stops working', async () => {
  await kubectl('create', 'serviceaccount', 'dashboard', '-n', 'team');
  const token = await kubectl('create', 'token', 'dashboard', '-n', 'team');
  assert.match(token, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT, as the apiserver issues');
  assert.equal(
    await kubectl('--token', token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'),
    'system:serviceaccount:team:dashboard',
  );
  await kubectl(
    'create',
    'clusterrolebinding',
    'dashboard-read',
    '--clusterrole=pod-reader',
    '--serviceaccount=team:dashboard',
  );
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sim', server: t.sim.url, caData: Buffer.from(t.sim.caCert).toString('base64') }],
    users: [{ name: 'dashboard', token }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'dashboard' }],
    currentContext: 'sim',
  });
  const pods = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();
  assert.ok(Array.isArray(pods.items));
  await assert.rejects(kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: 'team' }), /403|Forbidden/);
  const review = await call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', t.sim.token, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenReview',
    spec: { token },
  });
  assert.equal(review.status, 201);
  const status = review.body.status as { authenticated: boolean; user: { username: string; groups: string[] } };
  assert.equal(status.authenticated, true);
  assert.equal(status.user.username, 'system:serviceaccount:team:dashboard');
  assert.ok(status.user.groups.includes('system:serviceaccounts:team'));
  await kubectl('delete', 'serviceaccount', 'dashboard', '-n', 'team');
  assert.equal((await call('GET', '/api/v1/pods', token)).status, 401, 'bound to the account');
  const gone = await call('POST', '/apis/authentication.k8s.io/v1/tokenreviews', t.sim.token, { spec: { token } });
  assert.equal((gone.body.status as { authenticated: boolean }).authenticated, false);
});

test('SubjectAccessReview asks for another user (itself authorized); impersonation is allowed only to whom it is granted', async () => {
  const ask = (token: string) =>
    call('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', token, {
      spec: { user: 'alice', groups: ['devs'], resourceAttributes: { verb: 'list', resource: 'pods' } },
    });
  const asked = await ask(t.sim.token);
  assert.equal(asked.status, 201);
  assert.equal((asked.body.status as { allowed: boolean }).allowed, true);
  assert.equal((await ask(ALICE)).status, 403, 'alice may not ask about others');
  assert.match(await kubectl('get', 'secrets', '-n', 'team', '--as=alice'), /secrets is forbidden: User "alice"/);
  assert.match(
    await kubectl('--token', ALICE, 'get', 'pods', '--as=bob'),
    /users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope/,
  );
  await kubectl(
    'create',
    'clusterrole',
    'impersonate-bob',
    '--verb=impersonate',
    '--resource=users',
    '--resource-name=bob',
  );
  await kubectl('create', 'clusterrolebinding', 'alice-as-bob', '--clusterrole=impersonate-bob', '--user=alice');
  assert.match(await kubectl('--token', ALICE, 'get', 'pods', '--as=bob'), /pods is forbidden: User "bob"/);
  const log = (await t.simApi('GET', '/sim/v1/requests')) as Array<{ path: string; user?: string; status: number }>;
  assert.ok(
    log.some((r) => r.user === 'alice' && r.status === 403),
    'the request log says who asked',
  );
  assert.equal((await call('GET', '/sim/v1/requests', ALICE)).status, 403, 'the test endpoints are the admin’s');
});
