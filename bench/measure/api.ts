import { execFile } from 'node:child_process';
import { request } from 'node:http';

/** One HTTP GET as a browser makes it (compression accepted): time to the last byte and bytes on the wire. */
export function timedGet(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip, br', accept: 'application/json' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - started, bytes, status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

/** The median of `runs` GETs after a first one, whose time is `firstMs` (it builds what the others reuse). */
export async function medianGet(url: string, runs: number): Promise<{ ms: number; bytes: number; firstMs: number }> {
  const first = await timedGet(url);
  if (first.status !== 200) throw new Error(`GET ${url}: ${first.status}`);
  const times: number[] = [];
  let bytes = first.bytes;
  for (let i = 0; i < runs; i++) {
    const r = await timedGet(url);
    times.push(r.ms);
    bytes = r.bytes;
  }
  return { ms: median(times), bytes, firstMs: first.ms };
}

/** What a user runs instead: kubectl listing every kind the topology draws, cluster-wide, as JSON. */
export const KUBECTL_EQUIVALENT = [
  'get',
  'statefulsets,pods,pvc,pv,storageclasses,configmaps,services,endpointslices',
  '-A',
  '-o',
  'json',
];

export function timedKubectl(kubeconfig: string, args: string[]): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      args,
      { env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 4 * 1024 ** 3, timeout: 600_000 },
      (err, stdout) => {
        if (err) return reject(err);
        resolve({ ms: performance.now() - started, bytes: Buffer.byteLength(stdout) });
      },
    );
  });
}
