import assert from 'node:assert/strict';
import { test } from 'node:test';
// react-query's entry needs React's client build; the test only needs the cache it re-exports.
import { QueryClient } from '@tanstack/query-core';
import type { Topology, TopologyChange } from '@/lib/wire/topology';
import { StreamManager, SUMMARY_KEY, topologyKey } from './stream';
import { testNode } from '@/test/support/nodes';

/** The browser's stream client against a scripted EventSource: one per scope, snapshot and changes into the query cache. */
class FakeEventSource {
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = 0;
  private readonly handlers = new Map<string, ((ev: unknown) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, fn: (ev: unknown) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]);
  }
  emit(type: string, data?: unknown, lastEventId = ''): void {
    for (const fn of this.handlers.get(type) ?? []) fn({ data: JSON.stringify(data), lastEventId });
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}
(globalThis as unknown as { EventSource: unknown }).EventSource = FakeEventSource;

const snapshot: Topology = { revision: 7, nodes: [testNode('Pod', 'p-0', { namespace: 'a' })], edges: [] };
const change: TopologyChange = {
  revision: 8,
  upsertNodes: [testNode('Pod', 'p-1', { namespace: 'a', status: 'progressing' })],
  removeNodes: ['Pod/a/p-0'],
  upsertEdges: [],
  removeEdges: [],
};

test('one stream per scope, shared by its users; snapshot then changes land in the query cache', async () => {
  FakeEventSource.all = [];
  const qc = new QueryClient();
  const m = new StreamManager(qc);
  const release1 = m.acquire({ namespace: 'a' });
  const release2 = m.acquire({ namespace: 'a' });
  assert.equal(FakeEventSource.all.length, 1, 'two users of one scope share one EventSource');
  const es = FakeEventSource.all[0];
  assert.equal(es.url, '/api/v1/stream?namespace=a');
  es.emit('open');
  assert.equal(m.snapshot().connection, 'live');
  es.emit('snapshot', snapshot, '7');
  assert.deepEqual(await m.firstSnapshot({ namespace: 'a' }, 1000), snapshot);
  es.emit('change', change, '8');
  assert.deepEqual(
    qc.getQueryData<Topology>(topologyKey({ namespace: 'a' }))?.nodes.map((n) => n.id),
    ['Pod/a/p-1'],
  );
  es.emit('status', { kinds: { Pod: { state: 'syncing' } }, synced: false });
  assert.equal(m.snapshot().sync?.kinds.Pod.state, 'syncing');
  release1();
  release2();
});

/** A cluster-wide stream, opened and past its snapshot (revision 7). */
function liveStream(): { m: StreamManager; es: FakeEventSource; release: () => void } {
  FakeEventSource.all = [];
  const m = new StreamManager(new QueryClient());
  const release = m.acquire({});
  const es = FakeEventSource.all[0];
  es.emit('open');
  es.emit('snapshot', snapshot, '7');
  return { m, es, release };
}

test('a stream the server closed reports offline and reopens from the last event id', async () => {
  const { m, es, release } = liveStream();
  es.readyState = FakeEventSource.CLOSED;
  es.emit('error');
  assert.equal(m.snapshot().connection, 'offline');
  assert.ok(m.snapshot().staleSince, 'it says since when the view is stale');
  const deadline = Date.now() + 3000;
  while (FakeEventSource.all.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(FakeEventSource.all[1]?.url, '/api/v1/stream?lastEventId=7');
  release();
});

test('a list page streams its kinds only; the overview streams the summary', async () => {
  FakeEventSource.all = [];
  const qc = new QueryClient();
  const m = new StreamManager(qc);
  const releaseList = m.acquire({ kinds: ['Service', 'StatefulSet'] });
  const releaseSummary = m.acquire('summary');
  assert.deepEqual(
    FakeEventSource.all.map((e) => e.url),
    ['/api/v1/stream?kinds=Service%2CStatefulSet', '/api/v1/stream?view=summary'],
  );
  const summary = { revision: 3, namespaces: [], problems: [], problemCount: 0, owners: {}, releasedVolumes: 0 };
  FakeEventSource.all[1].emit('summary', summary, '3');
  assert.deepEqual(await m.firstSnapshot('summary', 1000), summary);
  assert.deepEqual(qc.getQueryData(SUMMARY_KEY), summary);
  assert.equal(qc.getQueryData(topologyKey({})), undefined, 'the kinds stream is not the whole-cluster topology');
  releaseList();
  releaseSummary();
});

test('access changed: the stream reopens at once without its last event id, another scope having other revisions', () => {
  const { es, release } = liveStream();
  es.emit('access', { access: 'changed' });
  assert.equal(es.readyState, FakeEventSource.CLOSED);
  assert.equal(FakeEventSource.all[1]?.url, '/api/v1/stream', 'a fresh snapshot, not a resume');
  release();
});

test('a stream the server refused again and again is reopened within 5 s of each refusal', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  FakeEventSource.all = [];
  const m = new StreamManager(new QueryClient());
  const release = m.acquire({ namespace: 'a' });
  for (let i = 0; i < 8; i++) {
    const es = FakeEventSource.all[FakeEventSource.all.length - 1];
    es.readyState = FakeEventSource.CLOSED;
    es.emit('error');
    assert.equal(m.snapshot().connection, 'offline');
    t.mock.timers.tick(5_000);
    assert.equal(FakeEventSource.all.length, i + 2, `reopened within 5 s of refusal ${i + 1}`);
  }
  FakeEventSource.all[FakeEventSource.all.length - 1].emit('open');
  assert.equal(m.snapshot().connection, 'live');
  release();
});
