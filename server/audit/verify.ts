import type { HistoryVerdict } from '@/lib/wire/history';
import { firstBroken, GENESIS } from './chain';
import { fieldsOf, type EntryRow, type HistoryDb } from './schema';

/**
 * Walks the chain from its base; the first broken link stops it (an unreadable file is one).
 * `each` sees every entry checked (a scoped reader counts its own).
 */
export function verifyChain(store: HistoryDb, each?: (row: EntryRow) => void): HistoryVerdict {
  let checked = 0;
  try {
    return walk(store, (n, row) => {
      checked = n;
      each?.(row);
    });
  } catch (e) {
    return {
      ok: false,
      checked,
      firstBroken: { id: checked + 1, reason: `the file cannot be read past here: ${(e as Error).message}` },
    };
  }
}

function walk(store: HistoryDb, progress: (checked: number, row: EntryRow) => void): HistoryVerdict {
  let prev = { id: 0, hash: GENESIS };
  let checked = 0;
  // After a cleanup the chain starts at its base: the last entry removed.
  const base = store.meta('chain.base');
  if (base) {
    const [id, hash] = base.split(':');
    prev = { id: Number(id), hash };
  }
  for (const row of store.db.prepare('SELECT * FROM entries ORDER BY id').iterate() as Iterable<EntryRow>) {
    const reason = firstBroken(prev, { ...fieldsOf(row), prevHash: row.prev_hash, hash: row.hash });
    if (reason) return { ok: false, checked, firstBroken: { id: row.id, reason } };
    prev = { id: row.id, hash: row.hash };
    progress(++checked, row);
  }
  const head = store.meta('chain.head');
  if (head && head !== `${prev.id}:${prev.hash}`) {
    return {
      ok: false,
      checked,
      firstBroken: {
        id: prev.id + 1,
        reason: `entries after ${prev.id} were removed (the recorded head is ${head.split(':')[0]})`,
      },
    };
  }
  return { ok: true, checked };
}
