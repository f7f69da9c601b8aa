import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factsOf } from './facts';
import { normalize } from './normalize';
import type { ConfigMap, Pod, StatefulSet } from './types';

/** A pod as the API server (and the sim) serves it: far more than derivations read. */
const RAW_POD = {
  metadata: {
    name: 'db-0',
    namespace: 'data',
    uid: 'u-db-0',
    resourceVersion: '7',
    labels: { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'db',
        uid: 'u-db',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    managedFields: [
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        time: '2026-12-07T10:00:00Z',
        fieldsV1: { 'f:spec': {} },
      },
    ],
  },
  spec: {
    containers: [
      {
        name: 'db',
        image: 'postgres:16',
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 5432, name: 'pg', protocol: 'TCP' }],
        readinessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 10, successThreshold: 1 },
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql', readOnly: false }],
        terminationMessagePath: '/dev/termination-log',
      },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0', readOnly: false } },
      { name: 'cfg', configMap: { name: 'db', defaultMode: 420 } },
    ],
    nodeName: 'node-1',
    hostname: 'db-0',
    subdomain: 'db',
    dnsPolicy: 'ClusterFirst',
    securityContext: { fsGroup: 999 },
    terminationGracePeriodSeconds: 30,
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-12-07T10:00:05Z' }],
    containerStatuses: [
      {
        name: 'db',
        ready: true,
        restartCount: 0,
        started: true,
        containerID: 'containerd://abc',
        state: { running: { startedAt: '2026-12-07T10:00:04Z' } },
      },
    ],
    hostIP: '172.18.0.2',
    podIPs: [{ ip: '10.0.0.7' }],
    podIP: '10.0.0.7',
    qosClass: 'BestEffort',
  },
};

test('a pod keeps the fields derivations read and not the rest', () => {
  const whole = normalize('Pod', 'v1', RAW_POD) as Pod;
  const pod = factsOf('Pod', whole);
  assert.deepEqual(
    pod.spec.containers[0],
    {
      name: 'db',
      image: 'postgres:16',
      readinessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 10 },
      volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }],
    },
    'the probe fields views show are kept; ports, pull policy and mount flags are not',
  );
  assert.deepEqual(pod.spec.volumes, [
    { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0', readOnly: false } },
    { name: 'cfg', configMap: { name: 'db' } },
  ]);
  assert.deepEqual(Object.keys(pod.spec).sort(), ['containers', 'hostname', 'nodeName', 'subdomain', 'volumes']);
  assert.deepEqual(pod.status?.conditions, [
    { type: 'Ready', status: 'True', lastTransitionTime: '2026-12-07T10:00:05Z' },
  ]);
  assert.deepEqual(pod.status?.containerStatuses?.[0], {
    name: 'db',
    ready: true,
    restartCount: 0,
    state: { running: { startedAt: '2026-12-07T10:00:04Z' } },
  });
  assert.equal(pod.status?.podIP, '10.0.0.7');
  assert.equal('hostIP' in (pod.status ?? {}), false);
  assert.deepEqual(
    pod.metadata,
    whole.metadata,
    'metadata is kept whole (labels, owners) but managedFields, dropped by normalize',
  );
  assert.equal(pod.lastChange?.manager, 'kube-controller-manager');
});

test('facts are frozen at every level and the whole object is left as it was', () => {
  const whole = normalize('Pod', 'v1', RAW_POD) as Pod;
  const pod = factsOf('Pod', whole);
  assert.ok(Object.isFrozen(pod) && Object.isFrozen(pod.spec.containers) && Object.isFrozen(pod.metadata.labels));
  assert.ok(Object.isFrozen(pod.status?.conditions?.[0]));
  assert.equal((whole.spec.containers[0] as unknown as { imagePullPolicy: string }).imagePullPolicy, 'IfNotPresent');
});

test('a value that is not what its field should be is kept as it came, for derivations to judge', () => {
  const odd = factsOf(
    'StatefulSet',
    normalize('StatefulSet', 'apps/v1', { metadata: { name: 'x', uid: 'u' }, spec: 'garbage' }) as StatefulSet,
  );
  assert.equal(odd.spec as unknown, 'garbage');
  const list = factsOf(
    'Pod',
    normalize('Pod', 'v1', { metadata: { name: 'p', uid: 'u' }, spec: { containers: { name: 'not a list' } } }) as Pod,
  );
  assert.deepEqual(list.spec.containers as unknown, { name: 'not a list' });
});

test("a new version shares the parts it did not change with the last version's facts, and no more", () => {
  const first = factsOf('Pod', normalize('Pod', 'v1', RAW_POD) as Pod);
  const ready = structuredClone(RAW_POD);
  ready.metadata.resourceVersion = '8';
  ready.status.conditions[0].status = 'False';
  const next = factsOf('Pod', normalize('Pod', 'v1', ready) as Pod, first);
  assert.equal(next.spec, first.spec, 'an unchanged spec is the one already held');
  assert.equal(next.metadata.labels, first.metadata.labels);
  assert.equal(next.status?.containerStatuses, first.status?.containerStatuses);
  assert.notEqual(next.status?.conditions, first.status?.conditions);
  assert.equal(next.status?.conditions?.[0].status, 'False');
  assert.equal(next.metadata.resourceVersion, '8');
  const relabeled = structuredClone(ready);
  (relabeled.metadata as { labels: Record<string, string> }).labels = { app: 'db' };
  const after = factsOf('Pod', normalize('Pod', 'v1', relabeled) as Pod, next);
  assert.deepEqual(after.metadata.labels, { app: 'db' }, 'a label removed is not kept from the last version');
  assert.equal(after.spec, first.spec);
  const added = structuredClone(relabeled);
  (added.metadata as { labels: Record<string, string> }).labels = { app: 'db', tier: 'data' };
  added.spec.containers[0].image = 'postgres:17';
  const last = factsOf('Pod', normalize('Pod', 'v1', added) as Pod, after);
  assert.deepEqual(last.metadata.labels, { app: 'db', tier: 'data' }, 'a label added is kept');
  assert.equal(last.spec.containers[0].image, 'postgres:17');
  assert.equal(last.spec.volumes, first.spec.volumes, 'beside a changed container, the volumes are the ones held');
  assert.ok(Object.isFrozen(last.spec) && Object.isFrozen(last.spec.containers[0]));
});

test('a ConfigMap key named __proto__ is kept as a key, in a first version and in the next', () => {
  const raw = JSON.parse(
    '{"metadata":{"name":"c","namespace":"n","uid":"u","resourceVersion":"1"},"data":{"__proto__":"x","a":"1"}}',
  );
  const first = factsOf('ConfigMap', normalize('ConfigMap', 'v1', raw) as ConfigMap);
  assert.ok(Object.hasOwn(first.data ?? {}, '__proto__'));
  assert.deepEqual(Object.keys(first.data ?? {}).sort(), ['__proto__', 'a']);
  assert.equal(Object.getPrototypeOf(first.data), Object.prototype);
  const edited = JSON.parse(
    '{"metadata":{"name":"c","namespace":"n","uid":"u","resourceVersion":"2"},"data":{"a":"2","__proto__":"y"}}',
  );
  const next = factsOf('ConfigMap', normalize('ConfigMap', 'v1', edited) as ConfigMap, first);
  assert.equal(Object.getOwnPropertyDescriptor(next.data, '__proto__')?.value, 'y');
  assert.equal(next.data?.a, '2');
});
