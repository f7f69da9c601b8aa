import { Worker } from 'node:worker_threads';
import type { StoreChange } from '../cache/store';
import { identityOf, type Posted } from './mirror';
import type { RecordedCache } from './recorder';
import type { FromRecorder, RecorderJob, ToRecorder } from './recordworker';
import type { WorkerSpec } from './offthread';

export interface RecorderThreadOptions {
  cluster: string;
  kinds: readonly string[];
  namespaces?: readonly string[];
  /** Whether the dashboard is ready: until then (or READY_WAIT_MS) nothing is posted. */
  ready?: () => boolean;
  /** The history file: the worker opens it as the writer; this process holds its lock. */
  path: string;
  worker: WorkerSpec;
}

/** Changes posted per message, and per turn of the event loop while a backlog drains. */
const CHUNK = 2_000;
/**
 * Changes the worker may hold unwritten (in flight and queued) before more are posted: each is a
 * copy there, and a whole cluster's first lists posted at once would be a second cache's worth.
 */
const WINDOW = 10_000;
/** Recording starts without readiness this long after start (the Recorder's own rule, READY_WAIT_MS). */
const READY_WAIT_MS = 60_000;
const READY_POLL_MS = 250;
/** How long a shutdown waits for the worker to write what it holds. */
const STOP_WAIT_MS = 15_000;

/**
 * The recorder off the event loop: the history's writes — comparing each version with the last,
 * the patches, SQLite's transactions, a third of the server's CPU under a 20k-pod churn — run in
 * a worker thread (recordworker.ts, in the bundled history worker) that opens the file as its
 * writer. This side only forwards the cache's changes of recorded kinds and its sync states, in
 * order, each object as JSON text (mirror.ts, Posted). Until the dashboard is ready it holds them,
 * so the first lists of a large cluster are not written before readiness; then the backlog goes over
 * in chunks, a turn of the event loop each. `stop` is synchronous, as a shutdown needs: it waits
 * (Atomics.wait, up to STOP_WAIT_MS) until the worker has written everything and closed the file.
 */
export class RecorderThread {
  private readonly held: Posted[] = [];
  private readonly offs: Array<() => void> = [];
  private worker?: Worker;
  private readonly stopped = new SharedArrayBuffer(4);
  private sent = 0;
  private progress = { received: 0, queued: 0 };
  private open = false;
  private scheduled = false;
  private readyTimer?: NodeJS.Timeout;
  private readonly startedAt = Date.now();
  private failed = false;

  constructor(
    private readonly cache: RecordedCache,
    private readonly o: RecorderThreadOptions,
  ) {}

  start(): void {
    const recorded = new Set(this.o.kinds);
    const job: RecorderJob = {
      path: this.o.path,
      cluster: this.o.cluster,
      kinds: [...this.o.kinds],
      ...(this.o.namespaces ? { namespaces: [...this.o.namespaces] } : {}),
      stopped: this.stopped,
    };
    this.worker = new Worker(/*turbopackIgnore: true*/ this.o.worker.file, {
      workerData: { ordinalRecorder: job },
      ...(this.o.worker.execArgv ? { execArgv: this.o.worker.execArgv } : {}),
    });
    this.worker.on('message', (m: FromRecorder) => this.heard(m));
    this.worker.on('error', (e) => this.fail(e.message));
    this.worker.on('exit', () => this.fail('the recorder thread ended'));
    this.offs.push(
      this.cache.onChange((c) => {
        if (recorded.has(c.kind)) this.post(postedOf(c));
      }),
    );
    this.offs.push(this.cache.onState(() => this.post({ t: 'state', status: this.cache.syncStatus() })));
    this.post({ t: 'state', status: this.cache.syncStatus() });
    this.readyTimer = setInterval(() => this.checkReady(), READY_POLL_MS);
    this.readyTimer.unref();
    this.checkReady();
  }

  /** Changes not yet written: held here, in flight, and queued in the worker. */
  get pending(): number {
    return this.held.length + (this.sent - this.progress.received) + this.progress.queued;
  }

  /** Everything held goes to the worker, which writes it and marks the kinds unwatched; then the file is closed. */
  stop(): void {
    for (const off of this.offs.splice(0)) off();
    clearInterval(this.readyTimer);
    const w = this.worker;
    if (!w || this.failed) return;
    this.send(this.held.splice(0));
    w.postMessage({ t: 'stop' } satisfies ToRecorder);
    const flag = new Int32Array(this.stopped);
    if (Atomics.wait(flag, 0, 0, STOP_WAIT_MS) === 'timed-out')
      console.error(`ordinal: history: the recorder did not finish within ${STOP_WAIT_MS / 1000} s`);
    // Its last report is still in the port, which this turn of the event loop does not read.
    else this.progress = { received: this.sent, queued: 0 };
    this.failed = true;
    void w.terminate();
  }

  private post(p: Posted): void {
    if (this.failed) return;
    this.held.push(p);
    if (this.open) this.schedule();
  }

  /** One message per turn of the event loop, however many changes it carries: a message has its own cost. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private checkReady(): void {
    if (this.open) return;
    if (!(this.o.ready?.() ?? true) && Date.now() - this.startedAt < READY_WAIT_MS) return;
    this.open = true;
    clearInterval(this.readyTimer);
    this.schedule();
  }

  /** Posts what is held, CHUNK per turn of the event loop, while the worker holds less than WINDOW. */
  private drain(): void {
    // At the window: the worker's next report drains on.
    if (this.sent - this.progress.received + this.progress.queued >= WINDOW) return;
    this.send(this.held.splice(0, CHUNK));
    if (this.held.length) this.schedule();
  }

  private send(list: Posted[]): void {
    if (!list.length || !this.worker) return;
    this.worker.postMessage({ t: 'posted', list } satisfies ToRecorder);
    this.sent += list.length;
  }

  private heard(m: FromRecorder): void {
    if (m.t === 'progress') {
      this.progress = { received: m.received, queued: m.queued };
      if (this.open && this.held.length) this.schedule();
    } else console.error(`ordinal: history: ${m.message}`);
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.held.length = 0;
    console.error(`ordinal: history: ${message}; changes are no longer recorded`);
  }
}

/**
 * A change as posted: the object after it (whole, as it came, not the facts the cache keeps) as
 * JSON text, or the identity of what went (and of what a relist replaced).
 */
function postedOf(c: StoreChange): Posted {
  const replaced = c.obj && c.old && c.old.metadata.uid !== c.obj.metadata.uid ? identityOf(c.old) : undefined;
  const gone = !c.obj && c.old ? identityOf(c.old) : undefined;
  return {
    t: 'change',
    kind: c.kind,
    cause: c.cause,
    ...(c.obj ? { obj: { json: JSON.stringify(c.whole ?? c.obj), id: identityOf(c.obj) } } : {}),
    ...(gone ? { gone } : {}),
    ...(replaced ? { replaced } : {}),
  };
}
