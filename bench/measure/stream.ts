import { request, type IncomingMessage } from 'node:http';
import { median, percentile } from './api';
import type { SimProcess } from './procs';

/**
 * Event → viewer latency: viewers hold SSE streams of one namespace each (round-robin), the
 * sim fails pods' readiness at a steady rate and logs when; a viewer's latency for a change is
 * the time from the sim's write to the first `change` event carrying that pod unready.
 */
interface Viewer {
  namespace: string;
  /** pod id → arrival times (ms since epoch) of upserts showing it not ready. */
  unready: Map<string, number[]>;
  res?: IncomingMessage;
}

function openViewer(base: string, namespace: string, headers: Record<string, string> = {}): Promise<Viewer> {
  const v: Viewer = { namespace, unready: new Map() };
  return new Promise((resolve, reject) => {
    const url = `${base}/api/v1/stream?namespace=${encodeURIComponent(namespace)}`;
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${namespace}: ${res.statusCode}`));
      v.res = res;
      let buf = '';
      let snapshot = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith('event: snapshot') || block.includes('\nevent: snapshot')) {
            if (!snapshot) resolve(v);
            snapshot = true;
          } else if (block.includes('event: change')) record(v, block);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    req.end();
  });
}

function record(v: Viewer, block: string): void {
  const now = Date.now();
  const data = block.split('\n').find((l) => l.startsWith('data: '));
  if (!data) return;
  const change = JSON.parse(data.slice(6)) as {
    upsertNodes?: Array<{ id: string; kind: string; info?: { ready?: boolean } }>;
  };
  for (const n of change.upsertNodes ?? []) {
    if (n.kind !== 'Pod' || n.info?.ready !== false) continue;
    const list = v.unready.get(n.id) ?? [];
    list.push(now);
    v.unready.set(n.id, list);
  }
}

export interface StreamFigures {
  viewers: number;
  p50: number;
  p99: number;
  samples: number;
  missed: number;
  /** The sim's open watches while the viewers were connected. */
  watches: number;
  /** Changes the churn made (each a pod turning not Ready). */
  changes: number;
}

/** `as(i)`: the headers viewer `i` signs in with (a proxy's identity headers), when the server asks who. */
export async function measureStream(
  base: string,
  sim: SimProcess,
  namespaces: string[],
  viewers: number,
  rate: number,
  seconds: number,
  as: (i: number) => Record<string, string> = () => ({}),
): Promise<StreamFigures> {
  const open: Viewer[] = [];
  for (let i = 0; i < viewers; i++) open.push(await openViewer(base, namespaces[i % namespaces.length], as(i)));
  const watched = [...new Set(open.map((v) => v.namespace))];
  const watches = await openWatches(sim);
  await sim.api('POST', `/sim/v1/churn?rate=${rate}&seconds=${seconds}&namespaces=${watched.join(',')}`);
  await new Promise((r) => setTimeout(r, seconds * 1000 + 3000));
  const log = (await sim.api('GET', '/sim/v1/churn')) as { changes: Array<{ id: string; t: number }> };
  for (const v of open) v.res?.destroy();
  const latencies: number[] = [];
  let missed = 0;
  for (const c of log.changes) {
    const ns = c.id.split('/')[1];
    for (const v of open) {
      if (v.namespace !== ns) continue;
      const at = (v.unready.get(c.id) ?? []).find((t) => t >= c.t);
      if (at === undefined) missed++;
      else latencies.push(at - c.t);
    }
  }
  return {
    viewers,
    p50: median(latencies),
    p99: percentile(latencies, 99),
    samples: latencies.length,
    missed,
    watches,
    changes: log.changes.length,
  };
}

/** The watches the sim holds open right now (every one of them the server's). */
export async function openWatches(sim: SimProcess): Promise<number> {
  const f = (await sim.api('GET', '/sim/v1/faults')) as { openWatches: number };
  return f.openWatches;
}
