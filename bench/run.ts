import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIsFresh } from '../scripts/build-if-stale';
import { run } from '../scripts/proc';
import { launch, measurePage, measurePanZoom, PAGES } from './measure/browser';
import { KUBECTL_EQUIVALENT, medianGet, timedKubectl } from './measure/api';
import { ROOT, startServer, startSim, stopAll, treeRss } from './measure/procs';
import { measureStream, openWatches } from './measure/stream';
import { Report } from './report';
import { pods, SIZES, simArgs, type Size } from './sizes';

/**
 * `npm run bench [-- --size 2k|20k|100k | --quick]`: the sim's scale scenario, the production
 * server, SSE viewers and Chromium, measured side by side in one run. Prints a table (figure,
 * target, ratio) and writes bench/results/<size>.json. Targets are the issue's, at 20k pods;
 * at 100k only sync, memory and pages have one (RSS ≤ 2 GB, pages ≤ 5 s).
 */
const USAGE = 'usage: npm run bench -- [--size 2k|20k|100k] [--quick] [--no-browser] [--results DIR]';

interface Plan {
  size: Size;
  quick: boolean;
  browser: boolean;
  churnSeconds: number;
  viewerLevels: number[];
  rate: number;
  results: string;
}

function plan(): Plan {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      results: { type: 'string', default: join(ROOT, 'bench/results') },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const name = values.size ?? (values.quick ? '2k' : '20k');
  const size = SIZES[name];
  if (!size) {
    console.error(`bench: --size must be one of ${Object.keys(SIZES).join(', ')}\n${USAGE}`);
    process.exit(2);
  }
  const churnSeconds = values.quick ? 3 : 10;
  return { size, quick: values.quick, browser: !values['no-browser'], churnSeconds, viewerLevels: [1, 50, 200], rate: 200, results: values.results };
}

const big = (p: Plan) => pods(p.size) > 50_000;

async function ensureBuild(): Promise<void> {
  if (buildIsFresh(ROOT)) return;
  const r = await run(process.execPath, [join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { cwd: ROOT });
  if (r.code !== 0) throw new Error('bench: next build failed');
}

interface Readyz {
  objects: Record<string, number>;
  memory: { rssBytes: number; heapUsedBytes: number };
  engine: { flushes: number; partsRebuilt: number; meanFlushMs: number; maxFlushMs: number };
}

async function readyz(base: string): Promise<Readyz> {
  return (await fetch(`${base}/api/readyz`).then((r) => r.json())) as Readyz;
}

async function main(): Promise<void> {
  const p = plan();
  const r = new Report(p.size.name);
  const timeout = big(p) ? 3_600_000 : 900_000;
  await ensureBuild();
  console.log(`bench: ${p.size.name}: ${pods(p.size).toLocaleString('en')} pods; starting the sim`);
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'ordinal-bench-')), 'kubeconfig');
  const sim = await startSim(simArgs(p.size), kubeconfig, timeout);
  r.add('sim.setup', sim.setupSeconds, 's', undefined, "the sim's own scenario build, for scale");

  const server = await startServer(kubeconfig, timeout);
  r.add('sync', server.syncMs / 1000, 's', big(p) ? undefined : { max: 10 }, 'server spawn → /api/readyz 200');
  const synced = await readyz(server.base);
  const objects = Object.values(synced.objects).reduce((a, b) => a + b, 0);
  r.add('objects.cached', objects, 'objects');
  r.add('memory.rss.synced', treeRss(server.pid), 'bytes', { max: big(p) ? 2e9 : 400e6 });
  r.add('memory.heap.synced', synced.memory.heapUsedBytes, 'bytes');
  r.add('memory.heapPerObject', synced.memory.heapUsedBytes / Math.max(1, objects), 'bytes');
  const idleWatches = await openWatches(sim);

  const ns = 'scale-000';
  const cluster = await medianGet(`${server.base}/api/v1/topology`, big(p) ? 1 : 3);
  const one = await medianGet(`${server.base}/api/v1/topology?namespace=${ns}`, 5);
  const kubectl = await timedKubectl(kubeconfig, KUBECTL_EQUIVALENT);
  r.add('api.cluster.ms', cluster.ms, 'ms');
  r.add('api.cluster.bytes', cluster.bytes, 'bytes');
  r.add('api.kubectl.ms', kubectl.ms, 'ms', undefined, KUBECTL_EQUIVALENT.join(' '));
  r.add('api.kubectl.bytes', kubectl.bytes, 'bytes');
  r.add('api.cluster.speedup', kubectl.ms / cluster.ms, '×', big(p) ? undefined : { min: 50 }, 'kubectl time / cluster-wide topology time');
  r.add('api.namespace.ms', one.ms, 'ms', big(p) ? undefined : { max: 100 });
  r.add('api.namespace.bytes', one.bytes, 'bytes');

  if (!big(p)) {
    const namespaces = Array.from({ length: p.size.namespaces }, (_, i) => `scale-${String(i).padStart(3, '0')}`);
    for (const viewers of p.viewerLevels) {
      const s = await measureStream(server.base, sim, namespaces, viewers, p.rate, p.churnSeconds);
      const target = viewers === 200 ? { max: 250 } : undefined;
      r.add(`stream.${viewers}.p50`, s.p50, 'ms');
      r.add(`stream.${viewers}.p99`, s.p99, 'ms', target, `${s.samples} samples, ${s.missed} missed, ${p.rate} changes/s`);
      if (viewers === 200) r.add('stream.watches.200viewers', s.watches, 'watches', { max: idleWatches }, `the sim's open watches; ${idleWatches} with no viewer (one per kind)`);
    }
    const after = await readyz(server.base);
    r.add('memory.rss.churned', treeRss(server.pid), 'bytes', { max: 400e6 });
    r.add('memory.heap.churned', after.memory.heapUsedBytes, 'bytes');
    const flushes = after.engine.flushes - synced.engine.flushes;
    const parts = after.engine.partsRebuilt - synced.engine.partsRebuilt;
    r.add('engine.flush.mean', after.engine.meanFlushMs, 'ms', undefined, `${flushes} flushes during churn, ${(parts / Math.max(1, flushes)).toFixed(1)} parts each`);
    r.add('engine.flush.max', after.engine.maxFlushMs, 'ms');
  }

  if (p.browser) {
    const browser = await launch();
    try {
      for (const pg of PAGES) {
        const f = await measurePage(browser, server.base, pg.path, pg.useful, timeout);
        const name = pg.path === '/' ? 'overview' : pg.path.slice(1);
        r.add(`page.${name}.paint`, f.paintMs, 'ms', { max: big(p) ? 5000 : 2000 });
        r.add(`page.${name}.longTasks`, f.longTasksAfter, 'tasks', big(p) ? undefined : { max: 0 }, f.longTasksAfter ? `longest ${Math.round(f.longestAfterMs)} ms` : undefined);
      }
      if (!big(p)) r.add('page.topology.panZoomFps', await measurePanZoom(browser, server.base, timeout), 'fps', { min: 30 });
    } finally {
      await browser.close();
    }
  }

  await stopAll();
  const out = join(p.results, `${p.size.name}.json`);
  r.write(out);
  console.log(`\n${r.table()}\n\nbench: wrote ${out}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    void stopAll().then(() => process.exit(1));
  },
);
