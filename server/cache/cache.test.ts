import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReflectorTransport } from '../kube/reflector';
import { HttpError, type WatchEvent } from '../kube/transport';
import { ClusterCache } from './cache';

/** The process's cache over a scripted API: one loop per kind (per namespace when restricted), the worst state per kind. */
type Params = Record<string, string | number | boolean | undefined>;

class FakeApi implements ReflectorTransport {
  readonly paths: string[] = [];
  readonly watches = new Map<string, (e: WatchEvent) => void>();
  constructor(private readonly answer: (path: string) => unknown[] | 'forbidden') {}
  async getJson(path: string): Promise<Record<string, unknown>> {
    this.paths.push(path);
    const items = this.answer(path);
    if (items === 'forbidden') throw new HttpError(403, 'Forbidden', `${path} is forbidden`);
    return { metadata: { resourceVersion: '1' }, items };
  }
  watch(
    path: string,
    _p: Params,
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
    _s: number,
    onOpen: () => void = () => undefined,
  ): Promise<void> {
    this.watches.set(path, onEvent);
    onOpen();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const cm = (ns: string, name: string, v: string, rv: string) => ({
  metadata: { name, namespace: ns, uid: `${ns}/${name}`, resourceVersion: rv },
  data: { k: v },
});

test('one list per kind; every kind synced makes the cache synced; changes count revisions and feed the config history', async () => {
  const api = new FakeApi((path) => (path === '/api/v1/configmaps' ? [cm('a', 'app', 'one', '1')] : []));
  const cache = new ClusterCache({ transport: api });
  const revisions: number[] = [];
  cache.onChange(() => revisions.push(cache.revision));
  assert.equal(cache.listed, false, 'nothing listed before it starts');
  cache.start();
  assert.equal(cache.listed, false, 'nor while the lists are under way');
  await until('synced', () => cache.synced);
  assert.equal(cache.listed, true);
  assert.equal(new Set(api.paths).size, api.paths.length, 'one list per kind');
  assert.ok(api.paths.includes('/apis/apps/v1/statefulsets') && api.paths.includes('/api/v1/persistentvolumes'));
  assert.equal(cache.stores.ConfigMap.get('a', 'app')?.data?.k, 'one');
  api.watches.get('/api/v1/configmaps')?.({ type: 'MODIFIED', object: cm('a', 'app', 'two', '2') });
  assert.equal(cache.stores.ConfigMap.get('a', 'app')?.data?.k, 'two');
  assert.equal(cache.history.history('ConfigMap/a/app').length, 2, 'both versions seen while watching');
  assert.ok(revisions.length >= 2 && revisions.every((r, i) => i === 0 || r > revisions[i - 1]));
  await cache.stop();
});

test('under ORDINAL_NAMESPACES each namespace is its own loop; a kind shows the worst of its namespaces', async () => {
  const api = new FakeApi((path) => (path === '/api/v1/namespaces/b/secrets' ? 'forbidden' : []));
  const cache = new ClusterCache({ transport: api, namespaces: ['a', 'b'], forbiddenRetryMs: 50 });
  cache.start();
  await until('secrets forbidden, the rest synced', () => {
    const s = cache.syncStatus();
    return (
      s.Secret?.state === 'forbidden' && Object.entries(s).every(([k, v]) => k === 'Secret' || v.state === 'synced')
    );
  });
  assert.ok(api.paths.includes('/api/v1/namespaces/a/pods') && api.paths.includes('/api/v1/namespaces/b/pods'));
  assert.ok(api.paths.includes('/api/v1/persistentvolumes'), 'cluster-scoped kinds stay cluster-wide');
  assert.ok(!api.paths.includes('/api/v1/pods'));
  assert.equal(cache.synced, false);
  assert.equal(cache.listed, true, 'a refused kind has had its list: the graph builds without it');
  await cache.stop();
});

test('Events are listed once the graph kinds are in, and readiness does not wait for them', async () => {
  let releasePods = () => undefined as void;
  const podsHeld = new Promise<void>((r) => (releasePods = r));
  let releaseEvents = () => undefined as void;
  const eventsHeld = new Promise<void>((r) => (releaseEvents = r));
  class HeldApi extends FakeApi {
    readonly asked: string[] = [];
    override async getJson(path: string): Promise<Record<string, unknown>> {
      this.asked.push(path);
      if (path === '/api/v1/pods') await podsHeld;
      if (path === '/api/v1/events') await eventsHeld;
      return super.getJson(path);
    }
  }
  const api = new HeldApi(() => []);
  const cache = new ClusterCache({ transport: api });
  cache.start();
  await until('every other graph kind listed', () => api.paths.length === 9);
  assert.ok(!api.asked.includes('/api/v1/events'), 'no Events list while pods are still listing');
  assert.equal(cache.syncStatus().Event?.state, 'syncing', 'Events show as syncing from the start');
  releasePods();
  await until('synced without Events', () => cache.synced && cache.listed);
  await until('Events asked for', () => api.asked.includes('/api/v1/events'));
  assert.equal(cache.syncStatus().Event?.state, 'syncing');
  releaseEvents();
  await until('Events synced', () => cache.syncStatus().Event?.state === 'synced');
  await cache.stop();
});
