import type { MessagePort } from 'node:worker_threads';
import { MirroredCache, type Posted } from './mirror';
import { Recorder, THREAD_BATCH } from './recorder';
import { HistoryStore } from './store';

/** What the recorder's worker is started with (workerData.ordinalRecorder). */
export interface RecorderJob {
  path: string;
  cluster: string;
  kinds: string[];
  namespaces?: string[];
  /** Int32 [0]: set to 1 (and notified) once the worker has stopped, so a shutdown can wait for it. */
  stopped: SharedArrayBuffer;
}

export type ToRecorder = { t: 'posted'; list: Posted[] } | { t: 'stop' };

/** How far the worker is: messages applied, and changes its recorder has yet to write. */
export type FromRecorder = { t: 'progress'; received: number; queued: number } | { t: 'error'; message: string };

/** Reports often enough that the thread's window (recordthread.ts) drains a backlog without waiting long. */
const REPORT_MS = 100;

/**
 * The recorder's worker (worker.ts starts it for recordthread.ts): the history file opened as its
 * writer, a Recorder fed by the mirrored cache, the posted stream applied in order. On `stop` it
 * writes what is queued and marks the kinds unwatched (Recorder.stop), closes the file and raises
 * the stopped flag, all before answering anything else.
 */
export function runRecorder(job: RecorderJob, port: MessagePort): void {
  const stopped = new Int32Array(job.stopped);
  const raise = () => {
    Atomics.store(stopped, 0, 1);
    Atomics.notify(stopped, 0);
  };
  let store: HistoryStore;
  try {
    store = new HistoryStore(job.path);
  } catch (e) {
    port.postMessage({
      t: 'error',
      message: `cannot open ${job.path}: ${(e as Error).message}`,
    } satisfies FromRecorder);
    raise();
    port.close();
    return;
  }
  const cache = new MirroredCache();
  const recorder = new Recorder(store, cache, {
    cluster: job.cluster,
    kinds: job.kinds,
    namespaces: job.namespaces,
    // What arrives is written: the thread posted nothing before the dashboard was ready.
    waitForLists: false,
    batch: THREAD_BATCH,
  });
  recorder.start();
  let received = 0;
  const report = () => port.postMessage({ t: 'progress', received, queued: recorder.pending } satisfies FromRecorder);
  const reporter = setInterval(report, REPORT_MS);
  port.on('message', (m: ToRecorder) => {
    if (m.t === 'posted') {
      for (const p of m.list) cache.apply(p);
      received += m.list.length;
      return;
    }
    clearInterval(reporter);
    try {
      recorder.stop();
    } catch (e) {
      port.postMessage({ t: 'error', message: `the last changes could not be written (${(e as Error).message})` });
    }
    store.close();
    report();
    raise();
    port.close();
  });
}
