import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { normalize } from '../cache/normalize';
import type { KObject, Service } from '../cache/types';
import { storesOf } from '../cache/view';
import { loadFixtures } from '../../test/support/fixtures';
import { serviceDetail } from './endpoints';
import { nearlyEqual, selectorHints } from './selector';

const pod = (name: string, labels: Record<string, string>) =>
  normalize('Pod', 'v1', {
    metadata: { name, namespace: 'shop', labels },
    spec: { containers: [{ name: 'c', image: 'i' }] },
  });
const svc = (selector: Record<string, string>) =>
  normalize('Service', 'v1', {
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector, ports: [{ port: 80, targetPort: 8080 }] },
  }) as Service;

test('a selector with a typo names the pods it nearly matches and the label that differs', () => {
  const s = storesOf([
    pod('web-0', { app: 'web', tier: 'frontend' }),
    pod('web-1', { app: 'web', tier: 'frontend' }),
    pod('db-0', { app: 'db', tier: 'backend' }),
    svc({ app: 'web', tier: 'fronted' }),
  ] as KObject[]);
  const d = serviceDetail(s.Service.get('shop', 'web') as Service, s, Date.now());
  assert.equal(d.findings[0].code, 'service.selectorMatchesNothing');
  assert.deepEqual(d.selectorHints?.nearMatches, [
    { pod: 'web-0', differs: [{ key: 'tier', want: 'fronted', have: 'frontend' }] },
    { pod: 'web-1', differs: [{ key: 'tier', want: 'fronted', have: 'frontend' }] },
  ]);
  assert.deepEqual(d.selectorHints?.valuesPresent.find((v) => v.key === 'tier')?.values, [
    { value: 'frontend', pods: 2 },
    { value: 'backend', pods: 1 },
  ]);
  assert.deepEqual(d.ports, [{ port: 80, targetPort: 8080, protocol: 'TCP' }]);
});

test('a one-term selector nearly matches only a typo of its value, and no hints when it matches', () => {
  const s = storesOf([
    pod('kafka-0', { app: 'kafka' }),
    pod('zk-0', { app: 'zookeeper' }),
    svc({ app: 'kafak' }),
  ] as KObject[]);
  assert.deepEqual(
    selectorHints(s.Service.get('shop', 'web') as Service, s).nearMatches.map((m) => m.pod),
    ['kafka-0'],
  );
  const ok = storesOf([pod('kafka-0', { app: 'kafka' }), svc({ app: 'kafka' })] as KObject[]);
  assert.equal(serviceDetail(ok.Service.get('shop', 'web') as Service, ok, Date.now()).selectorHints, undefined);
  assert.ok(nearlyEqual('Frontend', 'frontend') && !nearlyEqual('cassandra', 'metrics-exporter'));
});

test("the demo's metrics-exporter: nothing nearly matches, and the values its key carries are listed", () => {
  const s = loadFixtures(join(import.meta.dirname, '../../test/fixtures/topology/demo-cluster.yaml'));
  const h = serviceDetail(s.Service.get('analytics', 'metrics-exporter') as Service, s, Date.now()).selectorHints;
  assert.deepEqual(h?.nearMatches, []);
  assert.deepEqual(h?.valuesPresent[0].values.map((v) => v.value).sort(), ['cassandra', 'etcd']);
});
