import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { PgJournal } from '../../server/audit/pgjournal';
import { churn } from '../support/journal';
import { startPostgres, type TestPostgres } from '../support/postgres';

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
    const all = await a.after(0, 10_000);
    assert.deepEqual(all.map((e) => e.id), Array.from({ length: 3_000 }, (_, i) => i + 1));
    assert.equal(new Set(all.map((e) => `${e.uid}@${e.resourceVersion}`)).size, 3_000);
    await assert.rejects(a.append([{ ...changes[0], resourceVersion: 'p', keyframe: false }]), /whole entries/);
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
