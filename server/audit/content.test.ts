import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize } from '../cache/normalize';
import { patchBetween, summarize, versionOf, type Content } from './content';

const sts = (rv: string, replicas: number, ready: number, heartbeat = '2026-11-01T10:00:00Z') =>
  normalize('StatefulSet', 'apps/v1', {
    metadata: {
      name: 'db',
      namespace: 'prod',
      uid: 'u1',
      resourceVersion: rv,
      generation: replicas,
      labels: { 'app.kubernetes.io/name': 'db' },
    },
    spec: { replicas, serviceName: 'db' },
    status: {
      replicas: ready,
      readyReplicas: ready,
      conditions: [{ type: 'Available', status: 'True', lastProbeTime: heartbeat }],
    },
  });

test('a change of only resourceVersion, a heartbeat or the managedFields summary is the same version', () => {
  assert.equal(versionOf(sts('1', 3, 3)).core, versionOf(sts('2', 3, 3, '2026-11-01T10:05:00Z')).core);
  const touched = { ...sts('3', 3, 3), lastChange: { time: '2026-11-01T11:00:00Z', manager: 'kubectl' } };
  assert.equal(versionOf(touched).core, versionOf(sts('1', 3, 3)).core);
  assert.match(
    versionOf(touched).text,
    /"lastChange":\{"time":"2026-11-01T11:00:00Z","manager":"kubectl"\}\}$/,
    'kept, for the past to derive as the present',
  );
  assert.notEqual(versionOf(sts('1', 3, 3)).core, versionOf(sts('2', 4, 3)).core);
  assert.doesNotMatch(versionOf(sts('1', 3, 3)).text, /resourceVersion|lastProbeTime/);
});

test('the summary puts the desired state first, old → new, and counts the rest', () => {
  const a = JSON.parse(versionOf(sts('1', 3, 3)).text) as Content;
  const b = JSON.parse(
    versionOf({ ...sts('2', 5, 4), lastChange: { time: '2026-11-01T11:00:00Z', manager: 'kubectl' } }).text,
  ) as Content;
  const ops = patchBetween(a, b);
  assert.equal(
    summarize(ops, a),
    'spec.replicas: 3 → 5, metadata.generation: 3 → 5, status.readyReplicas: 3 → 4 (+1 more)',
  );
});

test('paths with slashes and list indices read as a reader writes them', () => {
  const a = { metadata: { labels: {} }, status: { conditions: [{ status: 'True' }] } };
  const b = { metadata: { labels: { 'app.kubernetes.io/name': 'db' } }, status: { conditions: [{ status: 'False' }] } };
  assert.equal(
    summarize(patchBetween(a, b), a),
    'metadata.labels.app.kubernetes.io/name: + db, status.conditions[0].status: True → False',
  );
});

test("a version's content value is its text parsed, heartbeats gone at every depth, and the object is untouched", () => {
  const pod = normalize('Pod', 'v1', {
    metadata: { name: 'p', namespace: 'n', uid: 'u', resourceVersion: '9', labels: { a: 'b' } },
    spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'renewTime', value: 'x' }] }] },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-01T10:00:00Z' },
        { type: 'Scheduled', status: 'True' },
      ],
      nested: [[{ lastHeartbeatTime: 't', keep: 1 }]],
    },
  });
  const touched = { ...pod, lastChange: { time: '2026-11-01T11:00:00Z', manager: 'kubelet' } };
  const before = JSON.stringify(touched);
  const v = versionOf(touched);
  assert.deepEqual(v.content, JSON.parse(v.text));
  assert.doesNotMatch(v.text, /lastProbeTime|lastHeartbeatTime|resourceVersion/);
  assert.match(v.text, /"name":"renewTime"/, 'a value named like a heartbeat field stays');
  assert.equal(JSON.stringify(touched), before, 'the cached object is not changed');
  const plain = versionOf(normalize('ConfigMap', 'v1', { metadata: { name: 'c', uid: 'u2' }, data: { k: 'v' } }));
  assert.deepEqual(plain.content, JSON.parse(plain.text));
});
