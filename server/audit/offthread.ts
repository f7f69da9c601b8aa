import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { processWide } from '../settings/process';
import { DamagedHistory } from './rebuild';
import type { HistoryJob, JobAnswer } from './worker';

/**
 * The history's long reads — walking the chain (verify) and rebuilding the past (time travel) —
 * off the event loop: each runs in a worker thread (worker.ts, bundled at build time) that opens
 * the file read-only beside the recorder, so live streams and pages never wait on them. One runs
 * at a time per process: another asked meanwhile is refused (Busy: the API answers 429), since
 * each may rebuild up to 150,000 objects. A store the worker cannot open (in memory: a loaded
 * bundle, a mirror whose file was taken) or a server without the bundle (`npm run dev`) runs the
 * job inline, still one at a time.
 */
export class Busy extends Error {
  readonly retryAfterS = 5;
}

/** The longest one job may take before its worker is stopped. */
const JOB_LIMIT_MS = 5 * 60_000;

const WORKER_FILE = 'ordinal-history-worker.mjs';

interface Slot {
  running: boolean;
}

const slot = (): Slot => processWide<Slot>('historyJobs', () => ({ running: false }));

/** The bundled worker beside the build (`.next/`, or the standalone output's), if there is one. */
export function workerFile(cwd: string = process.cwd()): string | undefined {
  const file = join(/*turbopackIgnore: true*/ cwd, '.next', WORKER_FILE);
  return existsSync(/*turbopackIgnore: true*/ file) ? file : undefined;
}

/**
 * Runs a job in a worker (or `inline` where one cannot open the store), one at a time, and gives
 * its answer as JSON bytes; throws Busy while another runs, DamagedHistory when the file's
 * content cannot be rebuilt.
 */
export async function offThread(
  job: HistoryJob,
  inline: () => unknown,
  o: { worker?: WorkerSpec } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const s = slot();
  if (s.running) throw new Busy('another verification or past view is being computed: try again in a few seconds');
  s.running = true;
  try {
    const spec = o.worker ?? bundled();
    if (!spec || job.path === ':memory:' || !existsSync(/*turbopackIgnore: true*/ job.path)) {
      return new TextEncoder().encode(JSON.stringify(inline()));
    }
    return await inWorker(spec, job);
  } finally {
    s.running = false;
  }
}

/** Where the worker's code is, and how Node runs it (tests run the source through tsx). */
export interface WorkerSpec {
  file: string;
  execArgv?: string[];
}

/** The bundled worker as offThread and the recorder's thread start it, if the build made one. */
export function bundled(): WorkerSpec | undefined {
  const file = workerFile();
  return file ? { file } : undefined;
}

function inWorker(spec: WorkerSpec, job: HistoryJob): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(/*turbopackIgnore: true*/ spec.file, {
      workerData: { ordinalHistoryJob: job },
      ...(spec.execArgv ? { execArgv: spec.execArgv } : {}),
    });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`the history job took longer than ${JOB_LIMIT_MS / 60_000} minutes and was stopped`));
    }, JOB_LIMIT_MS);
    let answered = false;
    w.once('message', (a: JobAnswer) => {
      answered = true;
      clearTimeout(timer);
      void w.terminate();
      if (a.ok) resolve(a.json);
      else reject(a.damaged ? new DamagedHistory(a.message) : new Error(a.message));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    w.once('exit', (code) => {
      clearTimeout(timer);
      if (!answered) reject(new Error(`the history worker ended (${code}) without an answer`));
    });
  });
}
