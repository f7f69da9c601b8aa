import { parentPort, workerData } from 'node:worker_threads';
import { DamagedHistory } from './rebuild';
import type { HistoryScope } from './scope';
import { HistoryStore } from './store';
import { pastGraph } from './travel';

/**
 * The history worker's entry (a thread of its own: offthread.ts starts one per job): it opens the
 * history file read-only beside the recorder (WAL), runs one job in the scope it was given and
 * posts the answer back. Bundled by scripts/standalone.ts to `.next/ordinal-history-worker.mjs`.
 */
export type HistoryJob =
  | { op: 'verify'; path: string; scope: HistoryScope }
  | { op: 'graphAt'; path: string; scope: HistoryScope; at: string; namespace?: string };

export type JobAnswer = { ok: true; result: unknown } | { ok: false; damaged: boolean; message: string };

/** One job against a store opened read-only for it. */
export function runJob(job: HistoryJob): unknown {
  const store = new HistoryStore(job.path, { readOnly: true });
  try {
    const reader = store.reader(job.scope);
    return job.op === 'verify' ? reader.verify() : pastGraph(reader, job.at, job.namespace);
  } finally {
    store.close();
  }
}

if (parentPort && (workerData as { ordinalHistoryJob?: HistoryJob } | undefined)?.ordinalHistoryJob) {
  const job = (workerData as { ordinalHistoryJob: HistoryJob }).ordinalHistoryJob;
  let answer: JobAnswer;
  try {
    answer = { ok: true, result: runJob(job) };
  } catch (e) {
    answer = { ok: false, damaged: e instanceof DamagedHistory, message: (e as Error).message };
  }
  parentPort.postMessage(answer);
}
