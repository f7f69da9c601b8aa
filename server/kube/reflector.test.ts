import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syncText } from '@/lib/wire/topology';
import { Backoff } from './backoff';
import { WATCHED_KINDS } from './kinds';
import { Reflector, type ReflectorSink, type ReflectorTransport } from './reflector';
import { HttpError, StallError, type WatchEvent } from './transport';

/** The list-then-watch loop against a scripted transport: what it asks for, what it stores, what state it shows. */
interface Obj {
  metadata: { name: string; namespace?: string; resourceVersion?: string };
}
type Params = Record<string, string | number | boolean | undefined>;
type ListStep = (params: Params) => Record<string, unknown>;
type WatchStep = (emit: (e: WatchEvent) => void, open: () => void) => Promise<void>;

const obj = (name: string, rv: string): Obj => ({ metadata: { name, namespace: 'ns', resourceVersion: rv } });
const event = (type: WatchEvent['type'], o: object): WatchEvent => ({ type, object: o as Record<string, unknown> });

class ScriptedTransport implements ReflectorTransport {
  readonly calls: { verb: 'list' | 'watch'; params: Params }[] = [];
  constructor(
    private readonly lists: ListStep[],
    private readonly watches: WatchStep[],
  ) {}

  async getJson(_path: string, params: Params): Promise<Record<string, unknown>> {
    this.calls.push({ verb: 'list', params });
    const step = this.lists.shift();
    if (!step) throw new HttpError(500, 'InternalError', 'no more scripted lists');
    return step(params);
  }

  /** Plays the next scripted watch; with none left, opens and stays open until the reflector stops. */
  watch(
    _path: string,
    params: Params,
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
    _stallMs: number,
    onOpen: () => void = () => undefined,
  ): Promise<void> {
    this.calls.push({ verb: 'watch', params });
    const step = this.watches.shift();
    if (step) return step(onEvent, onOpen);
    onOpen();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}

class Sink implements ReflectorSink<Obj> {
  readonly objects = new Map<string, Obj>();
  replaced = 0;
  forgotten = 0;
  upsert(o: Obj): void {
    this.objects.set(o.metadata.name, o);
  }
  remove(_ns: string | undefined, name: string): void {
    this.objects.delete(name);
  }
  replace(objs: Obj[]): void {
    this.replaced++;
    this.objects.clear();
    for (const o of objs) this.upsert(o);
  }
  forget(): void {
    this.forgotten++;
    this.objects.clear();
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function start(t: ScriptedTransport, extra: { forbiddenRetryMs?: number } = {}) {
  const sink = new Sink();
  const states: string[] = [];
  const r = new Reflector<Obj>({
    spec: WATCHED_KINDS.Pod,
    store: sink,
    transport: t,
    transform: (raw) => raw as Obj,
    onState: (s) => states.push(syncText(s)),
    backoff: new Backoff(5, 20),
    ...extra,
  });
  r.start();
  return { r, sink, states, last: () => states[states.length - 1] };
}

const page = (items: Obj[], rv: string, cont?: string) => () => ({
  metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) },
  items,
});

test('lists page by page, then watches from the list with bookmarks; events and bookmarks move the resume point', async () => {
  const t = new ScriptedTransport(
    [page([obj('a', '1')], '10', 'tok'), page([obj('b', '2')], '10')],
    [
      async (emit, open) => {
        open();
        emit(event('ADDED', obj('c', '11')));
        emit(event('MODIFIED', obj('a', '12')));
        emit(event('DELETED', obj('b', '13')));
        emit(event('BOOKMARK', { metadata: { resourceVersion: '20' } }));
      },
    ],
  );
  const { r, sink, last } = start(t);
  await until('the second watch', () => t.calls.filter((c) => c.verb === 'watch').length === 2);
  assert.deepEqual([...sink.objects.keys()].sort(), ['a', 'c']);
  assert.equal(sink.objects.get('a')?.metadata.resourceVersion, '12');
  assert.equal(t.calls[1].params.continue, 'tok', 'the second page asks with the continue token');
  const [w1, w2] = t.calls.filter((c) => c.verb === 'watch');
  assert.equal(w1.params.resourceVersion, '10');
  assert.equal(w1.params.allowWatchBookmarks, true);
  assert.equal(w2.params.resourceVersion, '20', 'an ended watch resumes from the bookmark, without a relist');
  assert.equal(t.calls.filter((c) => c.verb === 'list').length, 2);
  assert.equal(last(), 'synced');
  await r.stop();
});

test('410 Expired, as an ERROR event or as a status, makes it list again', async () => {
  const t = new ScriptedTransport(
    [page([obj('a', '1')], '10'), page([obj('b', '2')], '30'), page([obj('c', '3')], '40')],
    [
      async (emit, open) => {
        open();
        emit(event('ERROR', { code: 410, reason: 'Expired', message: 'too old resource version' }));
      },
      async () => {
        throw new HttpError(410, 'Gone', 'expired');
      },
    ],
  );
  const { r, sink } = start(t);
  await until('a third list', () => t.calls.filter((c) => c.verb === 'list').length === 3 && t.calls.length === 6);
  assert.deepEqual([...sink.objects.keys()], ['c'], 'the store holds what the last list returned');
  assert.equal(t.calls[t.calls.length - 1].params.resourceVersion, '40');
  await r.stop();
});

test('403 marks the kind forbidden and empties it; it is asked again soon, and syncs once allowed', async () => {
  const forbidden = () => {
    throw new HttpError(403, 'Forbidden', 'pods is forbidden');
  };
  const t = new ScriptedTransport(
    [page([obj('a', '1')], '10'), forbidden, forbidden, page([obj('b', '2')], '50')],
    [
      async (_emit, open) => {
        open();
        throw new HttpError(403, 'Forbidden', 'watch forbidden');
      },
    ],
  );
  const { r, sink, states } = start(t, { forbiddenRetryMs: 20 });
  await until('forbidden', () => states.includes('forbidden'));
  await until('synced again', () => states.lastIndexOf('synced') > states.indexOf('forbidden'));
  assert.deepEqual([...sink.objects.keys()], ['b']);
  assert.ok(sink.forgotten >= 1, 'the scope was forgotten (not relisted as empty) while forbidden');
  await r.stop();
});

test('errors before the first sync show; after it, one dropped watch or a stall does not, a second failure in a row does', async () => {
  const opens =
    (ends: () => void = () => undefined): WatchStep =>
    async (_emit, open) => {
      open();
      ends();
    };
  const t = new ScriptedTransport(
    [
      () => {
        throw new HttpError(500, 'InternalError', 'etcd unavailable');
      },
      page([obj('a', '1')], '10'),
    ],
    [
      opens(),
      async () => {
        throw new TypeError('fetch failed');
      },
      opens(),
      opens(() => {
        throw new StallError('no data');
      }),
      async () => {
        throw new TypeError('fetch failed');
      },
    ],
  );
  const { r, states } = start(t);
  await until('synced after a failed first list', () => states.includes('synced'));
  assert.match(String(states[1]), /^error: .*etcd unavailable/);
  await until(
    'every scripted watch played, then synced',
    () => t.calls.filter((c) => c.verb === 'watch').length === 6 && states[states.length - 1] === 'synced',
  );
  const afterSync = states.slice(states.indexOf('synced'));
  assert.deepEqual(
    afterSync.filter((s) => s.startsWith('error')),
    ['error: fetch failed'],
    'one error: the failure right after the stall',
  );
  await r.stop();
});

test('by default a 403 is asked again within about a second, not a minute', async () => {
  const t = new ScriptedTransport(
    [
      () => {
        throw new HttpError(403, 'Forbidden', 'pods is forbidden');
      },
      page([obj('a', '1')], '10'),
    ],
    [],
  );
  const { r, states } = start(t);
  // The first wait is at most 1 s (full jitter); the old fixed retry waited 60 s.
  await until('synced after one 403', () => states[states.length - 1] === 'synced', 2_500);
  assert.ok(states.includes('forbidden'));
  await r.stop();
});
