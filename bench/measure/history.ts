import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalize } from '../../server/cache/normalize';
import { createStores } from '../../server/cache/view';
import type { Pod } from '../../server/cache/types';
import { Recorder, THREAD_BATCH } from '../../server/audit/recorder';
import { HistoryStore } from '../../server/audit/store';
import { percentile } from './api';
import type { SimApi } from '../../sim/endpoints';
import { WHOLE_FILE } from '@/server/audit/scope';

/**
 * The history's own figures, on a file of this run's: real pods from the sim changed in turn
 * (a label and a condition each time) through the recorder as the dashboard records them.
 */
export interface HistoryFigures {
  changes: number;
  appendPerSecond: number;
  bytesPerChange: number;
  queryP95Ms: number;
  verifyPerSecond: number;
}

export async function measureHistory(sim: SimApi, changes: number): Promise<HistoryFigures> {
  const list = (await sim('GET', '/api/v1/namespaces/scale-000/pods?limit=1000')) as {
    items: Array<Record<string, unknown>>;
  };
  const pods = list.items;
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-bench-history-'));
  const store = new HistoryStore(join(dir, 'history.db'), { exclusive: true });
  const stores = createStores();
  const cache = {
    onChange: (fn: Parameters<typeof stores.Pod.onChange>[0]) => stores.Pod.onChange(fn),
    onState: () => () => undefined,
    syncStatus: () => ({ Pod: { state: 'synced' as const } }),
    has: () => true,
  };
  // As the recorder's thread writes (THREAD_BATCH per transaction), fed 2,000 changes at a time.
  const rec = new Recorder(store, cache, { cluster: 'bench', kinds: ['Pod'], flushMs: 3_600_000, batch: THREAD_BATCH });
  rec.start();
  let recordingMs = 0;
  const record = () => {
    const t = performance.now();
    while (rec.pending) rec.flush(true);
    recordingMs += performance.now() - t;
  };
  for (let i = 0; i < changes; i++) {
    const raw = structuredClone(pods[i % pods.length]) as {
      metadata: Record<string, unknown>;
      status?: { conditions?: Array<Record<string, unknown>> };
    };
    raw.metadata.resourceVersion = String(i + 1);
    raw.metadata.labels = { ...(raw.metadata.labels as Record<string, string>), 'bench/step': String(i) };
    const ready = raw.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready) ready.lastTransitionTime = new Date(1_800_000_000_000 + i * 1000).toISOString();
    stores.Pod.upsert(normalize('Pod', 'v1', raw) as Pod);
    if (rec.pending >= 2000) record();
  }
  record();
  const entries = store.reader(WHOLE_FILE).stats().entries;
  const bytes = statSync(join(dir, 'history.db')).size;
  const latencies: number[] = [];
  for (let i = 0; i < 400; i++) {
    const meta = pods[(i * 7) % pods.length].metadata as { name: string; namespace: string };
    const t = performance.now();
    store.reader(WHOLE_FILE).query({ kind: 'Pod', namespace: meta.namespace, name: meta.name, limit: 100 });
    latencies.push(performance.now() - t);
  }
  const v = performance.now();
  const verdict = store.reader(WHOLE_FILE).verify();
  const verifyMs = performance.now() - v;
  rec.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  if (!verdict.ok) throw new Error(`bench: the history's chain broke: ${JSON.stringify(verdict.firstBroken)}`);
  return {
    changes: entries,
    appendPerSecond: (entries / recordingMs) * 1000,
    bytesPerChange: bytes / Math.max(1, entries),
    queryP95Ms: percentile(latencies, 95),
    verifyPerSecond: (verdict.checked / verifyMs) * 1000,
  };
}
