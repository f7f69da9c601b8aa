import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgJournal } from '../../server/audit/pgjournal';
import { SharedHistory } from '../../server/audit/shared';
import { HistoryStore } from '../../server/audit/store';
import { eventually } from './harness';
import { churn } from '../support/journal';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { WHOLE_FILE } from '@/server/audit/scope';

/**
 * Two replicas recording the same cluster into one PostgreSQL (Debian's server, started here):
 * each appends every change it saw, in its own batches and order, at the same time; the journal
 * holds each change once, numbered 1…n, one unbroken hash chain.
 */
let db: TestPostgres;
before(async () => {
  db = await startPostgres();
});
after(() => db?.stop());

/** Appends in batches of `size`, the batches in the given order. */
async function record(j: PgJournal, entries: ReturnType<typeof churn>, size: number, reverse = false): Promise<number> {
  const batches: (typeof entries)[] = [];
  for (let i = 0; i < entries.length; i += size) batches.push(entries.slice(i, i + size));
  let written = 0;
  for (const b of reverse ? batches.reverse() : batches) written += await j.append(b);
  return written;
}

test('two replicas recording the same churn at once leave one entry per change and one verifiable chain', async () => {
  const [a, b] = await Promise.all([PgJournal.open(db.url), PgJournal.open(db.url)]);
  try {
    const changes = churn(3_000);
    const [wa, wb] = await Promise.all([record(a, changes, 250), record(b, changes, 170, true)]);
    assert.equal(wa + wb, 3_000, 'every change written once, by one replica or the other');
    assert.ok(wa > 0 && wb > 0, `both replicas wrote (${wa}, ${wb})`);
    assert.equal(await a.count(), 3_000);
    const verdict = await b.verify();
    assert.deepEqual(verdict, { ok: true, checked: 3_000 });
    assert.equal(await a.append(changes.slice(0, 500)), 0, 'a replica catching up later adds nothing');
    const all = (await a.after(0, 10_000)).slice(0, 3_000);
    assert.deepEqual(
      all.map((e) => e.id),
      Array.from({ length: 3_000 }, (_, i) => i + 1),
    );
    assert.equal(new Set(all.map((e) => `${e.uid}@${e.resourceVersion}`)).size, 3_000);
    await assert.rejects(a.append([{ ...changes[0], resourceVersion: 'p', keyframe: false }]), /whole entries/);
    // A replica that saw a creation late, after the other's later versions, calls it a modification: the same change.
    assert.equal(await b.append([{ ...changes[0], type: 'MODIFIED', summary: 'data.v changed' }]), 0);
    assert.equal(
      await b.append([{ ...changes[0], type: 'DELETED', content: null, keyframe: false, state: null }]),
      1,
      'a deletion is its own',
    );
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('an edited entry breaks the chain at that entry', async () => {
  const j = await PgJournal.open(db.url);
  const raw = new pg.Client({ connectionString: db.url });
  await raw.connect();
  try {
    await raw.query("UPDATE journal SET summary = 'nothing happened' WHERE id = 1234");
    const v = await j.verify();
    assert.equal(v.ok, false);
    assert.equal(v.firstBroken?.id, 1234);
    assert.match(v.firstBroken?.reason ?? '', /edited/);
  } finally {
    await raw.end();
    await j.close();
  }
});

test("a replica's mirror copies the journal, goes on from its head after a restart, and starts over on another journal", async () => {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('CREATE DATABASE mirror');
  await admin.end();
  const url = db.url.replace(/\/postgres$/, '/mirror');
  const file = join(mkdtempSync(join(tmpdir(), 'ordinal-mirror-')), 'history-mirror.db');
  const writer = await PgJournal.open(url);
  await writer.append(churn(400));
  const mirrored = async (store: HistoryStore, shared: SharedHistory, id: number) =>
    eventually(`mirrored up to ${id}`, () => shared.caughtUp && store.head().id === id, 20_000);
  let store = new HistoryStore(file, { exclusive: true });
  let shared = new SharedHistory(url, store, { pollMs: 20 });
  await mirrored(store, shared, 400);
  shared.enqueue(churn(600).slice(400));
  await mirrored(store, shared, 600);
  assert.deepEqual(
    store.reader(WHOLE_FILE).verify(),
    { ok: true, checked: 600 },
    "the mirror's chain is the journal's",
  );
  await shared.stop();
  store.close();
  store = new HistoryStore(file, { exclusive: true });
  shared = new SharedHistory(url, store, { pollMs: 20 });
  await mirrored(store, shared, 600);
  assert.equal(
    store.reader(WHOLE_FILE).query({ limit: 1000 }).entries.length,
    600,
    'restarted, it went on from its head: nothing twice',
  );
  await shared.stop();
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  await raw.query('DROP TABLE journal');
  await raw.end();
  const fresh = await PgJournal.open(url);
  await fresh.append(churn(50, 10, Date.parse('2026-12-02T00:00:00Z')));
  shared = new SharedHistory(url, store, { pollMs: 20 });
  await mirrored(store, shared, 50);
  assert.equal((await fresh.at(50))?.hash, store.head().hash, 'another journal: copied afresh');
  await shared.stop();
  store.close();
  await Promise.all([writer.close(), fresh.close()]);
});
