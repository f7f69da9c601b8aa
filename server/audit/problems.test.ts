import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordedCache } from '@/test/support/history';
import { normalize } from '../cache/normalize';
import type { PersistentVolumeClaim, Pod } from '../cache/types';
import { createStores } from '../cache/view';
import { problemOf, STARTING, turnOf } from './problems';
import { Recorder } from './recorder';
import { HistoryStore } from './store';
import { WHOLE_FILE } from '@/server/audit/scope';

function pod(rv: string, ready: boolean, state?: string): Pod {
  return normalize('Pod', 'v1', {
    metadata: { name: 'pg-2', namespace: 'db', uid: 'uid-pg-2', resourceVersion: rv },
    spec: { containers: [{ name: 'main', image: 'postgres:16' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: state ? [{ name: 'main', state: { waiting: { reason: state } } }] : [],
    },
  }) as Pod;
}

function claim(rv: string, phase: string): PersistentVolumeClaim {
  return normalize('PersistentVolumeClaim', 'v1', {
    metadata: { name: 'data-pg-2', namespace: 'db', uid: 'uid-claim', resourceVersion: rv },
    spec: { storageClassName: 'fast' },
    status: { phase },
  }) as PersistentVolumeClaim;
}

test('an object judged alone: a pod not Ready, a crashing pod, a Pending or Lost claim; fine ones have none', () => {
  const at = Date.parse('2026-11-01T10:00:00Z');
  assert.equal(problemOf('Pod', pod('1', true), at), null);
  assert.deepEqual(problemOf('Pod', pod('2', false), at), { code: 'pod.notReady', health: 'progressing' });
  assert.deepEqual(problemOf('Pod', pod('3', false, 'CrashLoopBackOff'), at), { code: 'pod.failing', health: 'error' });
  assert.deepEqual(problemOf('PersistentVolumeClaim', claim('1', 'Pending'), at)?.code, 'claim.pending');
  assert.deepEqual(problemOf('PersistentVolumeClaim', claim('2', 'Lost'), at), { code: 'claim.lost', health: 'error' });
  assert.equal(problemOf('PersistentVolumeClaim', claim('3', 'Bound'), at), null);
  assert.equal(problemOf('ConfigMap', claim('3', 'Lost'), at), null, 'kinds without a state of their own have none');
});

test('turns: fine → problem, problem → fine; a new pod on its way to Ready or a first list is no turn, one failing is', () => {
  const starting = { code: 'pod.notReady', health: 'progressing' } as const;
  const failing = { code: 'pod.failing', health: 'error' } as const;
  const seen = { created: false, observed: true };
  assert.deepEqual(turnOf(seen, null, starting), { turn: 'turned', keep: 'pod.notReady' });
  assert.deepEqual(turnOf({ created: false, observed: false }, null, failing).turn, 'turned', 'while unwatched');
  assert.deepEqual(turnOf(seen, 'pod.notReady', null), { turn: 'recovered', keep: null });
  assert.deepEqual(turnOf(seen, 'pod.notReady', failing), { turn: null, keep: 'pod.failing' }, 'still a problem');
  // Created: starting until first fine; its first Ready is no recovery.
  assert.deepEqual(turnOf({ created: true, observed: true }, null, starting), { turn: null, keep: STARTING });
  assert.deepEqual(turnOf(seen, STARTING, starting), { turn: null, keep: STARTING });
  assert.deepEqual(turnOf(seen, STARTING, null), { turn: null, keep: null });
  assert.deepEqual(turnOf(seen, STARTING, failing), { turn: 'turned', keep: 'pod.failing' }, 'crashing on its way up');
  assert.deepEqual(turnOf({ created: true, observed: true }, null, failing).turn, 'turned');
  assert.deepEqual(turnOf({ created: true, observed: false }, null, failing).turn, null, 'first seen by a list');
});

test('recorded: the entries say where pod-2 stopped being Ready and recovered; the status filter and timeline find them', () => {
  const store = new HistoryStore(':memory:');
  const stores = createStores();
  const times = ['2026-11-01T10:00:00.000Z', '2026-11-01T10:01:00.000Z', '2026-11-01T10:02:00.000Z'];
  let i = 0;
  const rec = new Recorder(store, recordedCache(stores), {
    cluster: 'c',
    kinds: ['Pod'],
    flushMs: 60_000,
    now: () => new Date(times[Math.min(i, times.length - 1)]),
  });
  rec.start();
  stores.Pod.upsert(pod('1', true));
  rec.flush();
  i = 1;
  stores.Pod.upsert(pod('2', false, 'CrashLoopBackOff'));
  rec.flush();
  i = 2;
  stores.Pod.upsert(pod('3', true));
  rec.flush();
  rec.stop();

  const all = store.reader(WHOLE_FILE).query({ limit: 10, order: 'asc' }).entries;
  assert.deepEqual(
    all.map((e) => [e.type, e.problem?.code, e.problem?.turn]),
    [
      ['ADDED', undefined, undefined],
      ['MODIFIED', 'pod.failing', 'turned'],
      ['MODIFIED', undefined, 'recovered'],
    ],
  );
  assert.deepEqual(
    store
      .reader(WHOLE_FILE)
      .query({ limit: 10, status: 'turned' })
      .entries.map((e) => e.resourceVersion),
    ['2'],
  );
  assert.deepEqual(
    store
      .reader(WHOLE_FILE)
      .query({ limit: 10, status: 'problem' })
      .entries.map((e) => e.resourceVersion),
    ['2'],
  );
  const buckets = store.reader(WHOLE_FILE).density({}, times[0], '2026-11-01T10:03:00.000Z', 3);
  assert.deepEqual(
    buckets.map((b) => [b.turned, b.recovered]),
    [
      [0, 0],
      [1, 0],
      [0, 1],
    ],
  );
  // Buckets that do not divide the window evenly still count each change once.
  const odd = store.reader(WHOLE_FILE).density({}, times[0], '2026-11-01T10:03:00.000Z', 7);
  assert.deepEqual(
    [odd.reduce((n, b) => n + b.turned, 0), odd.reduce((n, b) => n + b.recovered, 0), odd.length],
    [1, 1, 7],
  );
  const turns = store.reader(WHOLE_FILE).turns({}, times[0], '2026-11-01T10:03:00.000Z', 10);
  assert.deepEqual(
    turns.map((t) => [t.name, t.turn, t.code ?? null]),
    [
      ['pg-2', 'turned', 'pod.failing'],
      ['pg-2', 'recovered', null],
    ],
  );
  store.close();
});
