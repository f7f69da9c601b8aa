import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { eventually } from './harness';
import { startDashboard, type Dashboard } from './dashboard';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * Two dashboards — two replicas behind one Service — recording the same cluster into one
 * PostgreSQL (ORDINAL_HISTORY_URL, Debian's server started here): a churn leaves exactly one
 * entry per change on one chain, and either replica serves the same history, its verification
 * and time travel.
 */
let d: Dashboard;
let db: TestPostgres;
let a: string;
let b: string;

interface Revision {
  id: number;
  hash: string;
  type: string;
  uid: string;
  resourceVersion: string;
}

before(async () => {
  db = await startPostgres();
  d = await startDashboard();
  const replica = (name: string) =>
    d.another({ ORDINAL_HISTORY_URL: db.url, ORDINAL_HISTORY: join(d.dir, name, 'history.db') });
  [a, b] = (await Promise.all([replica('a'), replica('b')])).map((r) => r.base);
});
after(async () => {
  await d?.close();
  await db?.stop();
});

const getJson = async <T>(base: string, path: string) => (await (await fetch(`${base}${path}`)).json()) as T;
const revisions = (base: string) =>
  getJson<{ revisions: Revision[] }>(base, '/api/v1/history/object/ConfigMap/databases/churn').then((r) => r.revisions);

test('a churn recorded by both replicas is one entry per change, the same on either, on one verifiable chain', async () => {
  await eventually(
    'both replicas mirror the database',
    async () => {
      const s = await Promise.all(
        [a, b].map((base) => getJson<{ database?: { caughtUp: boolean } }>(base, '/api/v1/history/status')),
      );
      return s.every((x) => x.database?.caughtUp);
    },
    60_000,
  );
  await d.kubectl('create', 'configmap', 'churn', '-n', 'databases', '--from-literal=v=0');
  for (let i = 1; i <= 12; i++)
    await d.kubectl('patch', 'configmap', 'churn', '-n', 'databases', '-p', JSON.stringify({ data: { v: String(i) } }));
  let last = '';
  const seen = await eventually(
    '13 revisions on both replicas',
    async () => {
      const [ra, rb] = await Promise.all([revisions(a), revisions(b)]);
      const brief = (r: Revision[]) => r.map((x) => `${x.id}:${x.type[0]}${x.resourceVersion}`).join(' ');
      last = `a: ${brief(ra)} | b: ${brief(rb)}`;
      return ra.length === 13 && rb.length === 13 ? { ra, rb } : undefined;
    },
    120_000,
  ).catch(async (e: Error) => {
    const status = await Promise.all([a, b].map((base) => getJson<unknown>(base, '/api/v1/history/status')));
    throw new Error(`${e.message}; last seen ${last}; status ${JSON.stringify(status)}`);
  });
  assert.ok(seen);
  assert.deepEqual(
    seen.ra.map((r) => [r.id, r.hash]),
    seen.rb.map((r) => [r.id, r.hash]),
    'the same entries, ids and hashes',
  );
  assert.equal(new Set(seen.ra.map((r) => r.resourceVersion)).size, 13, 'one entry per change');
  const all = await (await fetch(`${a}/api/v1/history?format=jsonl`)).text();
  const keys = all
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Revision)
    .map((e) => `${e.uid}|${e.resourceVersion}|${e.type}`);
  assert.equal(new Set(keys).size, keys.length, `no change recorded twice in ${keys.length} entries`);
  for (const base of [a, b]) {
    const v = await getJson<{ ok: boolean; checked: number }>(base, '/api/v1/history/verify');
    assert.ok(v.ok && v.checked >= keys.length, `${base}: ${JSON.stringify(v)}`);
  }
});

test('either replica serves time travel over what the other recorded', async () => {
  const at = new Date().toISOString();
  const past = await getJson<{ nodes: Array<{ id: string }> }>(b, `/api/v1/topology?namespace=databases&at=${at}`);
  assert.ok(past.nodes.some((n) => n.id === 'ConfigMap/databases/churn'));
  const status = await getJson<{ database?: { connected: boolean; waiting: number } }>(a, '/api/v1/history/status');
  assert.equal(status.database?.connected, true);
});
