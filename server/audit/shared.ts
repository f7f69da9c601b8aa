import { PgJournal } from './pgjournal';
import type { HistoryStore, NewEntry } from './store';

/**
 * One history for several replicas (ORDINAL_HISTORY_URL): each replica's recorders append to
 * the PostgreSQL journal (pgjournal.ts: one entry per change, one chain, whoever writes), and a
 * mirror copies the journal, entry for entry, into the replica's own store, which every read
 * uses — so pages, exports, verification and time travel are today's, over the journal's entries,
 * on either replica. Recording waits until the mirror has caught up once (`caughtUp`): a change's
 * base is then what the journal holds. The database unreachable: appends wait (bounded) and are
 * tried again, the mirror retries; neither ever throws into the recorder.
 */
const PAGE = 5_000;
const MAX_WAITING = 100_000;

export interface SharedState {
  connected: boolean;
  caughtUp: boolean;
  waiting: number;
  error?: string;
}

export class SharedHistory {
  private journal?: PgJournal;
  private readonly waiting: NewEntry[] = [];
  private pumping = false;
  private stopped = false;
  private wake?: () => void;
  private error?: string;
  caughtUp = false;

  constructor(
    private readonly url: string,
    private readonly store: HistoryStore,
    private readonly o: { pollMs?: number; retryMs?: number } = {},
  ) {
    void this.connect();
  }

  private async connect(): Promise<void> {
    while (!this.stopped && !this.journal) {
      try {
        this.journal = await PgJournal.open(this.url);
        this.error = undefined;
      } catch (e) {
        this.error = `cannot reach the history database: ${(e as Error).message}`;
        await this.sleep(this.o.retryMs ?? 2_000);
      }
    }
    void this.mirror();
    void this.pump();
  }

  /** Takes a recorder's batch; it reaches the journal in order, after what came before it. */
  enqueue(entries: NewEntry[]): number {
    this.waiting.push(...entries);
    // Beyond the bound the oldest go: the next start's reconciliation records every net change.
    if (this.waiting.length > MAX_WAITING) this.waiting.splice(0, this.waiting.length - MAX_WAITING);
    void this.pump();
    return entries.length;
  }

  private async pump(): Promise<void> {
    if (this.pumping || !this.journal) return;
    this.pumping = true;
    try {
      while (this.waiting.length && !this.stopped) {
        const batch = this.waiting.slice(0, 500);
        try {
          await this.journal.append(batch);
          this.taken(batch);
          this.error = undefined;
          this.wake?.();
        } catch (e) {
          this.error = `cannot write to the history database: ${(e as Error).message}`;
          if (unreachable(e)) await this.sleep(this.o.retryMs ?? 2_000);
          else await this.oneByOne(batch);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * The store kept from an earlier run goes on from its head when the journal holds that entry,
   * same hash; otherwise (another database, a journal recreated) it starts over.
   */
  private async resume(journal: PgJournal): Promise<void> {
    const head = this.store.head();
    if (head.id === 0) return;
    const there = await journal.at(head.id);
    if (there?.hash === head.hash) return;
    console.warn(
      `ordinal: history: this replica's copy (up to entry ${head.id}) is not the database's; copying it afresh`,
    );
    this.store.clearEntries();
  }

  /**
   * A batch the database refused for what is in it (not for being unreachable): each entry on its
   * own, so one it cannot take is set aside (and said) instead of holding every later change.
   */
  private async oneByOne(batch: NewEntry[]): Promise<void> {
    if (!this.journal) return;
    for (const e of batch) {
      try {
        await this.journal.append([e]);
      } catch (err) {
        if (unreachable(err)) return;
        console.error(
          `ordinal: history: the database refused ${e.kind} ${e.namespace ?? ''}/${e.name}@${e.resourceVersion}: ${(err as Error).message}`,
        );
      }
      this.taken([e]);
    }
  }

  /** Drops written entries from the front (unless the bound dropped them meanwhile). */
  private taken(done: readonly NewEntry[]): void {
    const set = new Set(done);
    while (this.waiting.length && set.has(this.waiting[0])) this.waiting.shift();
  }

  /** Copies the journal after the store's head into the store, a page at a time, then waits for more. */
  private async mirror(): Promise<void> {
    let resumed = false;
    while (!this.stopped && this.journal) {
      if (!resumed) {
        try {
          await this.resume(this.journal);
          resumed = true;
        } catch (e) {
          this.error = `cannot read the history database: ${(e as Error).message}`;
          await this.sleep(this.o.retryMs ?? 2_000);
          continue;
        }
      }
      try {
        const page = await this.journal.after(this.store.head().id, PAGE);
        this.store.ingest(page);
        if (page.length === PAGE) continue;
        this.caughtUp = true;
      } catch (e) {
        this.error = `cannot read the history database: ${(e as Error).message}`;
        await this.sleep(this.o.retryMs ?? 2_000);
        continue;
      }
      await this.sleep(this.o.pollMs ?? 250, true);
    }
  }

  /** Waits `ms`, or less when `wakeable` and this replica has just appended. */
  private sleep(ms: number, wakeable = false): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      t.unref();
      function done() {
        clearTimeout(t);
        resolve();
      }
      if (wakeable) this.wake = done;
    });
  }

  state(): SharedState {
    return {
      connected: !!this.journal,
      caughtUp: this.caughtUp,
      waiting: this.waiting.length,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Writes what waits (best effort, a few seconds at most), then lets the database go. */
  async stop(): Promise<void> {
    const deadline = Date.now() + 3_000;
    while (this.waiting.length && this.journal && Date.now() < deadline) {
      await this.pump();
      if (this.waiting.length) await this.sleep(100);
    }
    this.stopped = true;
    this.wake?.();
    await this.journal?.close();
  }
}

/** A connection or server-state failure (SQLSTATE classes 08, 53, 57, or no SQLSTATE): worth waiting out. */
function unreachable(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || /^(08|53|57)/.test(code);
}
