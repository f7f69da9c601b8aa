import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../model/types';
import { humanDuration } from './age';
import { toTable, wantsTable } from './table';

test('AGE is formatted like kubectl', () => {
  assert.equal(humanDuration(5_000), '5s');
  assert.equal(humanDuration(119_000), '119s');
  assert.equal(humanDuration(150_000), '2m30s');
  assert.equal(humanDuration(3 * 3_600_000 + 60_000), '3h1m');
  assert.equal(humanDuration(50 * 3_600_000), '2d2h');
});

test('pod rows show READY, the waiting reason as STATUS, and Terminating', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db-2', creationTimestamp: new Date().toISOString() },
    spec: { containers: [{ name: 'a' }, { name: 'b' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { ready: true, restartCount: 0, state: { running: {} } },
        { ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    },
  } as unknown as KubeObject;
  const t = toTable('Pod', [pod], { include: 'Metadata', headers: true });
  const row = (t.rows as Array<{ cells: unknown[] }>)[0].cells;
  assert.deepEqual(row.slice(0, 4), ['db-2', '1/2', 'CrashLoopBackOff', '4']);
  const gone = toTable('Pod', [{ ...pod, metadata: { ...pod.metadata, deletionTimestamp: 'x' } }], {
    include: 'None',
    headers: false,
  });
  assert.equal((gone.rows as Array<{ cells: unknown[] }>)[0].cells[2], 'Terminating');
  assert.equal(gone.columnDefinitions, undefined);
});

test('Table is negotiated only when kubectl asks for it', () => {
  assert.equal(
    wantsTable(
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    ),
    true,
  );
  assert.equal(wantsTable('application/json'), false);
  assert.equal(wantsTable(undefined), false);
});
