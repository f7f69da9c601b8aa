import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Topology, TopologyChange } from '@/lib/wire/topology';
import type { ChangeEvent } from './engine';
import { StreamRegistry } from './registry';
import { summaryStream, topologyStream, type StreamSource } from './sse';
import { testNode } from '@/test/support/nodes';

/** A stand-in runtime whose engine we drive by hand (the real one is exercised in integration). */
function fakeRuntime() {
  let revision = 1;
  const listeners = new Set<(e: ChangeEvent) => void>();
  const stateListeners = new Set<() => void>();
  const big = 'x'.repeat(10_000);
  const emitted: TopologyChange[] = [];
  const rt = {
    cache: {
      syncStatus: () => ({ Pod: { state: 'synced' as const } }),
      synced: true,
      onState: (fn: () => void) => (stateListeners.add(fn), () => stateListeners.delete(fn)),
    },
    engine: {
      snapshotBytes: () => ({
        revision,
        json: Buffer.from(JSON.stringify({ revision, nodes: [], edges: [] } satisfies Topology)),
      }),
      grouped: { snapshotBytes: () => ({ revision, json: Buffer.from('{}') }), subscribe: () => () => undefined },
      summary: () => ({ summary: { revision }, json: Buffer.from(JSON.stringify({ revision, namespaces: [] })) }),
      since: (r: number): TopologyChange[] | undefined =>
        r === revision ? [] : r >= 1 ? emitted.filter((c) => c.revision > r) : undefined,
      onChange: (fn: (e: ChangeEvent) => void) => (listeners.add(fn), () => listeners.delete(fn)),
    },
  } satisfies StreamSource;
  const emit = (kind: 'Pod' | 'Service' = 'Pod') => {
    revision++;
    const change: TopologyChange =
      emitted[
        emitted.push({
          revision,
          upsertNodes: [{ ...testNode(kind, big), id: `${kind}/ns/p${revision}` }],
          removeNodes: [],
          upsertEdges: [],
          removeEdges: [],
        }) - 1
      ];
    for (const fn of listeners) fn({ revision, cluster: change, namespaces: new Map() });
  };
  return { rt, emit, listeners, stateListeners, revision: () => revision };
}

async function readText(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const { value } = await reader.read();
  return new TextDecoder().decode(value);
}

test('a viewer that stops reading costs bounded memory, then resyncs with a snapshot', async () => {
  const f = fakeRuntime();
  const stream = topologyStream(f.rt, {}, undefined, new AbortController().signal, {
    maxBufferedBytes: 50_000,
    heartbeatMs: 60_000,
  });
  const reader = stream.getReader();
  for (let i = 0; i < 200; i++) f.emit(); // ~2 MB of changes, nobody reading
  let text = '';
  let chunks = 0;
  for (;;) {
    const r = await Promise.race([reader.read(), new Promise<null>((res) => setTimeout(() => res(null), 200))]);
    if (!r || r.done) break;
    text += new TextDecoder().decode(r.value);
    chunks++;
    if (text.includes(`"revision":${f.revision()},"nodes"`)) break;
  }
  const changes = (text.match(/event: change/g) ?? []).length;
  assert.ok(changes < 10, `only what fit in the buffer was queued (${changes} changes)`);
  assert.ok(
    text.includes(`id: ${f.revision()}\nevent: snapshot`),
    'after catching up the viewer gets a fresh snapshot at the newest revision',
  );
  assert.ok(chunks > 0);
  await reader.cancel();
  assert.equal(f.listeners.size, 0, 'cancel releases the subscription');
});

test('resume within the kept window replays instead of a snapshot; abort releases everything', async () => {
  const f = fakeRuntime();
  const ac = new AbortController();
  const reader = topologyStream(f.rt, {}, 1, ac.signal, { heartbeatMs: 60_000 }).getReader();
  const first = await readText(reader);
  assert.match(first, /^retry: 2000/);
  const next = await readText(reader);
  assert.doesNotMatch(next, /event: snapshot/);
  assert.equal(f.listeners.size, 1);
  ac.abort();
  assert.equal(f.listeners.size, 0);
  assert.equal(f.stateListeners.size, 0);
});

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a viewer that never reads is dropped with a reason, and its place in the stream count is released', async () => {
  const f = fakeRuntime();
  const registry = new StreamRegistry({ total: 5, perClient: 5 });
  const admitted = registry.admit('client');
  assert.ok(admitted.ok);
  const stream = topologyStream(f.rt, {}, undefined, new AbortController().signal, {
    maxBufferedBytes: 20_000,
    heartbeatMs: 10,
    dropAfterMs: 50,
    admission: admitted.admission,
  });
  for (let i = 0; i < 20; i++) f.emit();
  await until('the slow viewer to be dropped', () => f.listeners.size === 0);
  assert.equal(registry.live, 0);
  assert.equal(f.stateListeners.size, 0);
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    text += new TextDecoder().decode(r.value);
  }
  assert.match(text, /event: dropped\ndata: \{"code":"SlowReader"/);
});

test('an aborted request releases its place at once, even when aborted before the stream starts', () => {
  const f = fakeRuntime();
  const registry = new StreamRegistry({ total: 5, perClient: 5 });
  const ac = new AbortController();
  const a = registry.admit('c');
  assert.ok(a.ok);
  topologyStream(f.rt, {}, undefined, ac.signal, { heartbeatMs: 60_000, admission: a.admission });
  assert.equal(registry.live, 1);
  ac.abort();
  assert.equal(registry.live, 0);
  const early = new AbortController();
  early.abort();
  const b = registry.admit('c');
  assert.ok(b.ok);
  topologyStream(f.rt, {}, undefined, early.signal, { heartbeatMs: 60_000, admission: b.admission });
  assert.equal(registry.live, 0);
  assert.equal(f.listeners.size, 0);
});

/** Reads until `done(text)` holds or the deadline passes; the text so far. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (text: string) => boolean,
  deadlineMs = 2000,
): Promise<string> {
  const end = Date.now() + deadlineMs;
  let text = '';
  while (!done(text) && Date.now() < end) {
    const r = await Promise.race([
      reader.read(),
      new Promise<null>((res) => setTimeout(() => res(null), end - Date.now())),
    ]);
    if (!r || r.done) break;
    text += new TextDecoder().decode(r.value);
  }
  return text;
}

test('a stream of some kinds carries changes of those kinds only', async () => {
  const f = fakeRuntime();
  const reader = topologyStream(f.rt, { kinds: ['Service'] }, undefined, new AbortController().signal, {
    heartbeatMs: 60_000,
  }).getReader();
  f.emit('Pod');
  f.emit('Service');
  const text = await readUntil(reader, (t) => t.includes('"id":"Service/ns/'));
  assert.ok(text.includes(`id: ${f.revision()}\nevent: change`), 'the Service change arrives');
  assert.ok(!text.includes('"id":"Pod/ns/'), 'the Pod change does not');
  assert.equal((text.match(/event: change/g) ?? []).length, 1, 'a change with nothing of the kinds sends no frame');
  await reader.cancel();
});

test('a summary stream sends the summary first and again after each change', async () => {
  const f = fakeRuntime();
  const reader = summaryStream(f.rt, new AbortController().signal, { heartbeatMs: 60_000 }).getReader();
  const whole = (t: string) => /event: summary\ndata: \{.*\}\n\n/.test(t);
  const first = await readUntil(reader, whole);
  assert.match(first, /id: 1\nevent: summary\ndata: \{"revision":1/);
  f.emit();
  const next = await readUntil(reader, whole);
  assert.match(next, /id: 2\nevent: summary\ndata: \{"revision":2/);
  assert.ok(!next.includes('event: change'), 'no topology changes on a summary stream');
  await reader.cancel();
  assert.equal(f.listeners.size, 0);
});

test('a kinds stream resuming from Last-Event-ID replays the missed changes of its kinds only', async () => {
  const f = fakeRuntime();
  f.emit('Service');
  f.emit('Pod');
  f.emit('Service');
  const reader = topologyStream(f.rt, { kinds: ['Service'] }, 1, new AbortController().signal, {
    heartbeatMs: 60_000,
  }).getReader();
  const text = await readUntil(reader, (t) => t.includes('event: status'));
  assert.deepEqual(
    [...text.matchAll(/id: (\d+)\nevent: change/g)].map((m) => m[1]),
    ['2', '4'],
  );
  assert.ok(!text.includes('event: snapshot'), 'resumed, not restarted');
  await reader.cancel();
});
