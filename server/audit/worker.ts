/**
 * The history worker's entry, bundled by scripts/history-worker.ts to `.next/ordinal-history-worker.mjs`.
 * Two uses, by workerData: a job (offthread.ts starts one per job: it opens the history file
 * read-only beside the recorder (WAL), runs the job in the scope it was given and posts the
 * answer back), or the recorder (recordthread.ts: the file's writer, for the recording's life).
 */

import { parentPort, workerData } from 'node:worker_threads';
import { DamagedHistory } from './rebuild';
import { runRecorder, type RecorderJob } from './recordworker';
import type { HistoryScope } from './scope';
import { HistoryStore } from './store';
import { pastDiff, pastGraph, pastTopology, type PastAsk } from './travel';

export type HistoryJob =
  | { op: 'verify'; path: string; scope: HistoryScope }
  | { op: 'graphAt'; path: string; scope: HistoryScope; at: string; namespace?: string }
  | { op: 'topologyAt'; path: string; scope: HistoryScope; at: string; ask: PastAsk }
  | { op: 'diff'; path: string; scope: HistoryScope; from: string; to: string; namespace?: string };

/**
 * An answer comes back as JSON bytes (transferred, not copied): a whole cluster's past graph is
 * 70,000 nodes and 180,000 edges, which a structured clone and a second serialization would cost
 * a second of the event loop it was moved off.
 */
export type JobAnswer = { ok: true; json: Uint8Array<ArrayBuffer> } | { ok: false; damaged: boolean; message: string };

/** One job against a store opened read-only for it: its answer, as the route sends it. */
export function runJob(job: HistoryJob): unknown {
  const store = new HistoryStore(job.path, { readOnly: true });
  try {
    const reader = store.reader(job.scope);
    switch (job.op) {
      case 'verify':
        return reader.verify();
      case 'graphAt':
        return pastGraph(reader, job.at, job.namespace);
      case 'topologyAt':
        return pastTopology(reader, job.at, job.ask);
      case 'diff':
        return pastDiff(reader, job.from, job.to, job.namespace);
    }
  } finally {
    store.close();
  }
}

const data = workerData as { ordinalHistoryJob?: HistoryJob; ordinalRecorder?: RecorderJob } | undefined;
// The recorder's thread (recordthread.ts): it lives as long as the recording.
if (parentPort && data?.ordinalRecorder) runRecorder(data.ordinalRecorder, parentPort);
if (parentPort && data?.ordinalHistoryJob) {
  const job = data.ordinalHistoryJob;
  let answer: JobAnswer;
  try {
    answer = { ok: true, json: new TextEncoder().encode(JSON.stringify(runJob(job))) };
  } catch (e) {
    answer = { ok: false, damaged: e instanceof DamagedHistory, message: (e as Error).message };
  }
  parentPort.postMessage(answer, answer.ok ? [answer.json.buffer] : []);
}
