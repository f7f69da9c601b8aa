import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { JsonObject } from '../model/types';
import { resources } from '../registry/lookup';
import { ns, statefulSet, testCluster, until, type Obj } from '../testing';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

interface Endpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { name: string };
}

function setup() {
  const c = testCluster();
  stop = c.stop;
  ns(c, 'db');
  const endpoints = (svc: string): Endpoint[] =>
    c.store
      .list(resources.endpointslices, 'db')
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc)
      .flatMap((s) => ((s as JsonObject).endpoints ?? []) as unknown as Endpoint[]);
  const service = (name: string, spec: JsonObject) =>
    c.registry.create(
      resources.services,
      'db',
      { metadata: { name }, spec: { ports: [{ port: 80, targetPort: 8080 }], ...spec } },
      { manager: 'test' },
    );
  return { c, endpoints, service };
}

test('a headless Service governing a StatefulSet lists each pod with its hostname, following readiness', async () => {
  const { c, endpoints, service } = setup();
  service('pg', { clusterIP: 'None', selector: { app: 'pg' } });
  c.registry.create(resources.statefulsets, 'db', statefulSet('pg', { volumeClaimTemplates: [] }), { manager: 'test' });
  await until(c, 'three ready endpoints', () => endpoints('pg').filter((e) => e.conditions.ready).length === 3);
  assert.deepEqual(
    endpoints('pg')
      .map((e) => e.hostname)
      .sort(),
    ['pg-0', 'pg-1', 'pg-2'],
  );
  const pod = c.store.get(resources.pods, 'db', 'pg-1') as Obj;
  assert.deepEqual(endpoints('pg').find((e) => e.targetRef.name === 'pg-1')?.addresses, [pod.status?.podIP]);
  // A deleted pod turns terminating (not ready) before it leaves, then comes back under the same name.
  c.registry.delete(resources.pods, 'db', 'pg-1');
  await until(c, 'pg-1 terminating', () =>
    endpoints('pg').some((e) => e.targetRef.name === 'pg-1' && e.conditions.terminating && !e.conditions.ready),
  );
  await until(c, 'pg-1 back and ready', () =>
    endpoints('pg').some((e) => e.targetRef.name === 'pg-1' && e.conditions.ready && !e.conditions.terminating),
  );
  const legacy = c.store.get(resources.endpoints, 'db', 'pg') as JsonObject;
  assert.equal(((legacy.subsets as JsonObject[])[0].addresses as unknown[]).length, 3);
});

test('a Service whose selector matches nothing gets an empty slice', async () => {
  const { c, endpoints, service } = setup();
  service('ghost', { selector: { app: 'nothing' } });
  await until(c, 'slice exists', () => c.store.list(resources.endpointslices, 'db').length === 1);
  assert.deepEqual(endpoints('ghost'), []);
});

test('publishNotReadyAddresses lists pods as ready before they pass readiness', async () => {
  const { c, endpoints, service } = setup();
  service('pg', { clusterIP: 'None', selector: { app: 'pg' }, publishNotReadyAddresses: true });
  c.registry.create(
    resources.statefulsets,
    'db',
    statefulSet('pg', {
      volumeClaimTemplates: [],
      replicas: 1,
      template: {
        metadata: { labels: { app: 'pg' }, annotations: { 'sim.ordinal.dev/never-ready': 'true' } },
        spec: { containers: [{ name: 'm', image: 'm:1' }] },
      },
    }),
    { manager: 'test' },
  );
  await until(c, 'pg-0 listed', () => endpoints('pg').length === 1);
  assert.equal(endpoints('pg')[0].conditions.ready, true);
});
