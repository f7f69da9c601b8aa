import { PgJournal } from '../../server/audit/pgjournal';
import { churn } from '../../test/support/journal';
import { startPostgres } from '../../test/support/postgres';

/**
 * The PostgreSQL journal's append throughput with two replicas recording the same cluster: both
 * append every change of one churn at once, in batches of 500 (the recorder's); distinct
 * changes written per second of wall time, and that each landed once on one chain.
 */
export async function measureJournal(
  changes: number,
): Promise<{ perSecond: number; entries: number; chainOk: boolean }> {
  const db = await startPostgres();
  try {
    const [a, b] = await Promise.all([PgJournal.open(db.url), PgJournal.open(db.url)]);
    try {
      const entries = churn(changes);
      const record = async (j: PgJournal) => {
        for (let i = 0; i < entries.length; i += 500) await j.append(entries.slice(i, i + 500));
      };
      const started = performance.now();
      await Promise.all([record(a), record(b)]);
      const seconds = (performance.now() - started) / 1000;
      const verdict = await a.verify();
      return { perSecond: changes / seconds, entries: await a.count(), chainOk: verdict.ok };
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  } finally {
    await db.stop();
  }
}
