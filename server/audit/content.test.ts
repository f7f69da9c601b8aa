import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize } from '../cache/normalize';
import { contentOf, patchBetween, summarize, type Content } from './content';

const sts = (rv: string, replicas: number, ready: number, heartbeat = '2026-11-01T10:00:00Z') =>
  normalize('StatefulSet', 'apps/v1', {
    metadata: { name: 'db', namespace: 'prod', uid: 'u1', resourceVersion: rv, generation: replicas, labels: { 'app.kubernetes.io/name': 'db' } },
    spec: { replicas, serviceName: 'db' },
    status: { replicas: ready, readyReplicas: ready, conditions: [{ type: 'Available', status: 'True', lastProbeTime: heartbeat }] },
  });

test('a change of only resourceVersion or a heartbeat is the same content', () => {
  assert.equal(contentOf(sts('1', 3, 3)), contentOf(sts('2', 3, 3, '2026-11-01T10:05:00Z')));
  assert.notEqual(contentOf(sts('1', 3, 3)), contentOf(sts('2', 4, 3)));
});

test('the summary puts the desired state first, old → new, and counts the rest', () => {
  const a = JSON.parse(contentOf(sts('1', 3, 3))) as Content;
  const b = JSON.parse(contentOf(sts('2', 5, 4))) as Content;
  const ops = patchBetween(a, b);
  assert.equal(summarize(ops, a), 'spec.replicas: 3 → 5, metadata.generation: 3 → 5, status.readyReplicas: 3 → 4 (+1 more)');
});

test('paths with slashes and list indices read as a reader writes them', () => {
  const a = { metadata: { labels: {} }, status: { conditions: [{ status: 'True' }] } };
  const b = { metadata: { labels: { 'app.kubernetes.io/name': 'db' } }, status: { conditions: [{ status: 'False' }] } };
  assert.equal(summarize(patchBetween(a, b), a), 'metadata.labels.app.kubernetes.io/name: + db, status.conditions[0].status: True → False');
});
