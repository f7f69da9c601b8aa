import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../scripts/build-if-stale';
import type { Browser } from '@playwright/test';
import { launch, measurePage, measurePaint, measurePanZoom, PAGES } from './measure/browser';
import { KUBECTL_EQUIVALENT, medianGet, timedKubectl } from './measure/api';
import { grantUsers, reviewBound, reviewsSince, userName } from './measure/access';
import { measureHistory } from './measure/history';
import { measureJournal } from './measure/journal';
import { postgresBin } from '../test/support/postgres';
import {
  ROOT,
  startServer,
  startSim,
  stopAll,
  stopProcess,
  stopServer,
  treeRss,
  type ServerProcess,
  type SimProcess,
} from './measure/procs';
import { measureStream, openWatches } from './measure/stream';
import { previousResults, Report } from './report';
import { pods, SIZES, simArgs, type Size } from './sizes';

/**
 * `npm run bench [-- --size 2k|20k|100k | --quick]`: the sim's scale scenario, the production
 * server, SSE viewers and Chromium, measured side by side in one run. Prints a table (figure,
 * target, ratio) and writes bench/results/<size>.json. Targets are the issue's, at 20k pods;
 * at 100k only sync, memory and pages have one (RSS ≤ 2 GB, the overview ≤ 3 s, other pages ≤ 5 s);
 * at 2k pages ≤ 1.5 s.
 */
const USAGE = 'usage: npm run bench -- [--size 2k|20k|100k] [--quick] [--no-browser] [--results DIR] [--phases a,b]';

/**
 * The phases, in the order they run (idle first, on a cluster of its own; the rest after the sync);
 * `--phases` picks some (a partial run writes no results file).
 */
const PHASES = ['idle', 'history', 'api', 'streams', 'browser', 'historyFile', 'historyOff', 'access', 'pg'] as const;
type Phase = (typeof PHASES)[number];

interface Plan {
  size: Size;
  quick: boolean;
  browser: boolean;
  churnSeconds: number;
  viewerLevels: number[];
  rate: number;
  results: string;
  phases: Set<Phase>;
}

function plan(): Plan {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      results: { type: 'string', default: join(ROOT, 'bench/results') },
      phases: { type: 'string' },
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
  const asked = values.phases?.split(',') ?? [...PHASES];
  const unknown = asked.filter((x) => !(PHASES as readonly string[]).includes(x));
  if (unknown.length) {
    console.error(`bench: no phase ${unknown.join(', ')}; phases: ${PHASES.join(', ')}\n${USAGE}`);
    process.exit(2);
  }
  const phases = new Set(asked as Phase[]);
  if (values['no-browser']) phases.delete('browser');
  return {
    size,
    quick: values.quick,
    browser: phases.has('browser'),
    churnSeconds,
    viewerLevels: [1, 50, 200],
    rate: 200,
    results: values.results,
    phases,
  };
}

const big = (p: Plan) => pods(p.size) > 50_000;

/** First useful paint, per size and page: the issues' targets (2k every page 1.5 s; 100k the overview 3 s, the rest 5 s). */
function paintTarget(size: string, page: string): number {
  if (size === '2k') return 1500;
  if (size === '100k') return page === 'overview' ? 3000 : 5000;
  return 2000;
}

interface Readyz {
  kinds: Record<string, string>;
  objects: Record<string, number>;
  memory: { rssBytes: number; heapUsedBytes: number };
  engine: { flushes: number; entriesRebuilt: number; meanFlushMs: number; maxFlushMs: number; slowFlushes: number };
}

async function readyz(base: string): Promise<Readyz> {
  return (await fetch(`${base}/api/readyz`).then((r) => r.json())) as Readyz;
}

/**
 * Waits until every kind is synced — Events too, which readiness does not wait for — so the
 * figures after it (memory, objects cached) are of the whole cache. Returns the seconds waited.
 */
async function everyKindSynced(base: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    // A busy server (100k pods' Events applied in one go) may drop a poll: the next one asks again.
    const kinds = await readyz(base).then(
      (r) => r.kinds,
      () => undefined,
    );
    if (kinds && Object.values(kinds).every((k) => k === 'synced')) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('bench: not every kind synced');
}

/** The phases share the run: its plan, report, timeout and the started processes. */
interface Run {
  p: Plan;
  r: Report;
  timeout: number;
  sim: SimProcess;
  server: ServerProcess;
  kubeconfig: string;
  synced: Readyz;
}

function measureSynced(run: Run): void {
  const { p, r, server, synced } = run;
  r.add('sync', server.syncMs / 1000, 's', { max: big(p) ? 60 : 10 }, 'server spawn → /api/readyz 200');
  const objects = Object.values(synced.objects).reduce((a, b) => a + b, 0);
  r.add('objects.cached', objects, 'objects');
  r.add('memory.rss.synced', treeRss(server.pid), 'bytes', { max: big(p) ? 1.5e9 : 600e6 }, 'every kind synced');
  r.add('memory.heap.synced', synced.memory.heapUsedBytes, 'bytes');
  r.add('memory.heapPerObject', synced.memory.heapUsedBytes / Math.max(1, objects), 'bytes', { max: 1024 });
}

interface HistoryStatusBody {
  enabled: boolean;
  entries?: number;
  pending?: number;
}

/** Waits until the server's history has written every change it was given (its first lists, after readiness). */
async function historyIdle(base: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (Date.now() - started < timeoutMs) {
    const s = (await fetch(`${base}/api/v1/history/status`).then((r) => r.json())) as HistoryStatusBody;
    if (!s.enabled) return 0;
    quiet = s.pending === 0 ? quiet + 1 : 0;
    // Two quiet readings a second apart: the last batch is written, and no backlog is queued.
    if (quiet >= 2) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('bench: the history did not catch up');
}

/** The history after readiness: its first lists written, and the topology rebuilt from it. */
async function measureHistoryBacklog(run: Run): Promise<void> {
  const { p, r, server, timeout } = run;
  r.add(
    'history.backlog',
    await historyIdle(server.base, timeout),
    's',
    undefined,
    'readiness → every first-list object recorded (after readiness, not before)',
  );
  r.add('memory.rss.historyOn', treeRss(server.pid), 'bytes', undefined, 'after the first lists are recorded');
  const at = new Date().toISOString();
  const t = performance.now();
  // At 100k the whole cluster is more than one past view rebuilds (a 400 says so): one namespace there.
  const scope = big(p) ? '&namespace=scale-000' : '';
  const past = await fetch(`${server.base}/api/v1/topology?view=grouped${scope}&at=${encodeURIComponent(at)}`);
  if (past.status !== 200) throw new Error(`bench: topology at ${at}: ${past.status}`);
  const body = (await past.json()) as { objects: number };
  const what = big(p) ? 'one namespace' : 'the cluster';
  const note = `${what} at a time, rebuilt from ${body.objects.toLocaleString('en')} recorded objects`;
  r.add('history.topologyAt.ms', performance.now() - t, 'ms', big(p) ? undefined : { max: 2000 }, note);
}

/** The history's own figures, on a file of this run's (in the bench's process, after the server's figures). */
async function measureHistoryFile({ p, r, sim }: Run): Promise<void> {
  // The file's figures do not depend on the cluster's size: measured at 20k (and 2k, quick), not again at 100k.
  if (big(p)) return;
  const changes = p.quick ? 20_000 : 1_000_000;
  const h = await measureHistory(sim.api, changes);
  r.add(
    'history.changes',
    h.changes,
    'changes',
    undefined,
    'recorded for the figures below (pods of the sim, changed in turn)',
  );
  r.add(
    'history.appendPerSecond',
    h.appendPerSecond,
    'changes/s',
    { min: 10_000 },
    'through the recorder: compare, patch, chain, one transaction per batch',
  );
  r.add('history.bytesPerChange', h.bytesPerChange, 'bytes');
  r.add('history.objectQuery.p95', h.queryP95Ms, 'ms', { max: 50 }, "one object's revisions");
  r.add('history.verifyPerSecond', h.verifyPerSecond, 'entries/s');
}

/** The first paths a visitor's browser asks for: the page, the topology and its data. */
const FIRST_VISIT = ['/', '/topology', '/api/v1/topology', '/api/v1/summary'];

/** An idle server's RSS: readiness on an empty cluster, a first visit, then 30 s with nothing to do. */
async function idleRss(kubeconfig: string, timeout: number, entry: 'standalone' | 'sources'): Promise<number> {
  const server = await startServer(kubeconfig, timeout, {}, entry);
  for (const path of FIRST_VISIT) await (await fetch(`${server.base}${path}`)).arrayBuffer();
  // Idle: V8 hands freed pages back to the system ~20 s after the last activity (its memory reducer).
  await new Promise((res) => setTimeout(res, 30_000));
  const rss = treeRss(server.pid);
  await stopServer(server);
  return rss;
}

/**
 * An idle server, its own: an empty cluster (the sim's `empty` scenario) — what the process holds
 * before any object does (its code, Next, client-node, the history's worker) — as `npm start` runs
 * it (the standalone output) and, beside it, from the sources through tsx.
 */
async function measureIdle(r: Report, timeout: number): Promise<void> {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'ordinal-idle-')), 'kubeconfig');
  const sim = await startSim(['--scenario', 'empty', '--rbac'], kubeconfig, timeout);
  const standalone = await idleRss(kubeconfig, timeout, 'standalone');
  const sources = await idleRss(kubeconfig, timeout, 'sources');
  await stopProcess(sim.child.pid);
  const note = 'an empty cluster: after readiness, a first visit (page, topology, summary) and 30 s idle';
  r.add('memory.rss.idle', standalone, 'bytes', { max: 200_000_000 }, `npm start (the standalone server); ${note}`);
  r.add('memory.rss.idle.sources', sources, 'bytes', undefined, 'the same, run from the sources through tsx');
  r.add('memory.rss.idle.ratio', standalone / sources, '×', undefined, 'standalone / from the sources');
}

/** The same cluster with the history off: its memory beside memory.rss.historyOn. */
async function measureHistoryOff(run: Run): Promise<void> {
  const { r, server, kubeconfig, timeout } = run;
  await stopServer(server);
  const off = await startServer(kubeconfig, timeout, { ORDINAL_HISTORY: 'off' });
  await everyKindSynced(off.base, timeout);
  await new Promise((res) => setTimeout(res, 10_000));
  r.add(
    'memory.rss.historyOff',
    treeRss(off.pid),
    'bytes',
    undefined,
    'a second server with ORDINAL_HISTORY=off, 10 s after every kind synced',
  );
  r.add('sync.historyOff', off.syncMs / 1000, 's');
}

async function measureApi({ p, r, server, kubeconfig }: Run): Promise<void> {
  const cluster = await medianGet(`${server.base}/api/v1/topology`, big(p) ? 1 : 3);
  r.add('api.cluster.ms', cluster.ms, 'ms', undefined, 'median of repeated requests of an unchanged cluster');
  r.add(
    'api.cluster.firstMs',
    cluster.firstMs,
    'ms',
    undefined,
    'the first request: snapshot built, serialized and compressed',
  );
  r.add('api.cluster.bytes', cluster.bytes, 'bytes');
  const one = await medianGet(`${server.base}/api/v1/topology?namespace=scale-000`, 5);
  r.add('api.namespace.ms', one.ms, 'ms', big(p) ? undefined : { max: 100 });
  r.add('api.namespace.bytes', one.bytes, 'bytes');
  let kubectl: { ms: number; bytes: number };
  try {
    kubectl = await timedKubectl(kubeconfig, KUBECTL_EQUIVALENT);
  } catch (e) {
    // At 100k kubectl itself gives out (10 minutes, gigabytes): the run goes on without the comparison.
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    r.add('api.kubectl.failed', 1, 'runs', undefined, `${KUBECTL_EQUIVALENT.join(' ')}: ${why}`);
    return;
  }
  r.add('api.kubectl.ms', kubectl.ms, 'ms', undefined, KUBECTL_EQUIVALENT.join(' '));
  r.add('api.kubectl.bytes', kubectl.bytes, 'bytes');
  const speedup = kubectl.ms / cluster.ms;
  r.add(
    'api.cluster.speedup',
    speedup,
    '×',
    big(p) ? undefined : { min: 50 },
    'kubectl time / cluster-wide topology time',
  );
  r.add(
    'api.cluster.firstSpeedup',
    kubectl.ms / cluster.firstMs,
    '×',
    big(p) ? undefined : { min: 50 },
    "kubectl time / the first request's time",
  );
}

async function measureStreams({ p, r, sim, server, synced }: Run, idleWatches: number): Promise<void> {
  const namespaces = Array.from({ length: p.size.namespaces }, (_, i) => `scale-${String(i).padStart(3, '0')}`);
  let churned = 0;
  for (const viewers of p.viewerLevels) {
    const s = await measureStream(server.base, sim, namespaces, viewers, p.rate, p.churnSeconds);
    churned += s.changes;
    r.add(`stream.${viewers}.p50`, s.p50, 'ms');
    const note = `${s.samples} samples, ${s.missed} missed, ${p.rate} changes/s`;
    r.add(`stream.${viewers}.p99`, s.p99, 'ms', viewers === 200 ? { max: 250 } : undefined, note);
    r.add(`stream.${viewers}.missed`, s.missed, 'changes', { max: 0 }, 'changes a viewer never saw');
    if (viewers !== 200) continue;
    const watchNote = `the sim's open watches; ${idleWatches} with no viewer (one per kind)`;
    r.add('stream.watches.200viewers', s.watches, 'watches', { max: idleWatches }, watchNote);
  }
  // One viewer of a namespace under five times the churn: the engine, not the fan-out, is what is measured.
  const fast = await measureStream(server.base, sim, namespaces, 1, p.rate * 5, p.churnSeconds);
  churned += fast.changes;
  r.add('stream.1.fast.p99', fast.p99, 'ms', { max: 500 }, `${fast.samples} samples, ${p.rate * 5} changes/s`);
  r.add('stream.1.fast.missed', fast.missed, 'changes', { max: 0 });
  const after = await readyz(server.base);
  r.add('memory.rss.churned', treeRss(server.pid), 'bytes', { max: 700e6 });
  r.add('memory.heap.churned', after.memory.heapUsedBytes, 'bytes');
  const flushes = after.engine.flushes - synced.engine.flushes;
  const entries = after.engine.entriesRebuilt - synced.engine.entriesRebuilt;
  const churnMs = after.engine.meanFlushMs * after.engine.flushes - synced.engine.meanFlushMs * synced.engine.flushes;
  const flushNote = `${flushes} flushes during churn, ${(entries / Math.max(1, flushes)).toFixed(1)} entries each`;
  r.add('engine.flush.mean', churnMs / Math.max(1, flushes), 'ms', undefined, flushNote);
  r.add(
    'engine.perChange.mean',
    churnMs / Math.max(1, churned),
    'ms',
    { max: 2 },
    `engine time during churn / ${churned} changes made`,
  );
  r.add(
    'engine.flush.slow',
    after.engine.slowFlushes - synced.engine.slowFlushes,
    'flushes',
    { max: 0 },
    'flushes over 100 ms during churn',
  );
  r.add('engine.flush.max', after.engine.maxFlushMs, 'ms', undefined, 'since the server started, its sync included');
}

/**
 * Per-viewer access (ORDINAL_AUTHZ=cluster-rbac) on a second server of the same cluster: 200
 * viewers of one user, then 200 of 20 users (each bound to one namespace), under the same churn
 * as the streams above; reviews counted in the sim's log, memory and the sim's watches beside.
 */
async function measureAccess({ p, r, sim, kubeconfig, timeout }: Run, idleWatches: number): Promise<void> {
  const namespaces = Array.from({ length: p.size.namespaces }, (_, i) => `scale-${String(i).padStart(3, '0')}`);
  const users = 20;
  await grantUsers(kubeconfig, users, namespaces);
  const server = await startServer(kubeconfig, timeout, {
    ORDINAL_AUTH: 'proxy',
    ORDINAL_TRUSTED_PROXIES: '127.0.0.1/32',
    ORDINAL_AUTHZ: 'cluster-rbac',
    ORDINAL_HISTORY: 'off',
  });
  const as = (u: number) => ({ 'X-Forwarded-User': userName(u) });
  const oneStart = new Date().toISOString();
  const one = await measureStream(server.base, sim, [namespaces[0]], 200, p.rate, p.churnSeconds, () => as(0));
  const oneReviews = await reviewsSince(sim, oneStart);
  const rssOne = treeRss(server.pid);
  r.add(
    'access.1user.reviews',
    oneReviews,
    'reviews',
    { max: reviewBound(1, namespaces.length) },
    '200 viewers of one user, first asked: within one TTL',
  );
  r.add('access.1user.p99', one.p99, 'ms', undefined, `${one.samples} samples, ${one.missed} missed`);
  r.add('memory.rss.access1user', rssOne, 'bytes');
  const manyStart = new Date().toISOString();
  const many = await measureStream(server.base, sim, namespaces, 200, p.rate, p.churnSeconds, (i) => as(i % users));
  const reviews = await reviewsSince(sim, manyStart);
  const bound = reviewBound(users, namespaces.length);
  r.add(
    'access.20users.reviews',
    reviews,
    'reviews',
    { max: bound },
    `200 viewers of ${users} users, within one TTL: bounded by users × kinds × verbs × (1 + namespaces), not by viewers`,
  );
  r.add(
    'access.20users.p99',
    many.p99,
    'ms',
    { max: 250 * 1.2 },
    `${many.samples} samples, ${many.missed} missed; filtering on`,
  );
  const off = r.figures['stream.200.p99']?.value;
  if (off !== undefined)
    r.add(
      'access.p99.ratio',
      many.p99 / Math.max(1, off),
      '×',
      { max: 1.2 },
      'p99 with per-viewer filtering / without (stream.200.p99)',
    );
  const rssMany = treeRss(server.pid);
  r.add('memory.rss.access20users', rssMany, 'bytes', { max: 400e6 });
  r.add('memory.rss.access.ratio', rssMany / rssOne, '×', { max: 1.5 }, 'RSS with 20 users / with 1, 200 viewers each');
  const watches = many.watches - (await openWatchesOfOthers(sim, server));
  r.add(
    'access.watches',
    watches,
    'watches',
    { max: idleWatches + 4 },
    "the access server's watches with 200 viewers of 20 users: the kinds', and RBAC's four",
  );
  await stopServer(server);
}

/** The sim's watches once `server` is gone: the other servers' (the access server's are the difference). */
async function openWatchesOfOthers(sim: SimProcess, server: ServerProcess): Promise<number> {
  await stopServer(server);
  const deadline = Date.now() + 10_000;
  let n = await openWatches(sim);
  // A stopped server's watches close as the sim notices their sockets go.
  for (let last = -1; n !== last && Date.now() < deadline; await new Promise((res) => setTimeout(res, 500))) {
    last = n;
    n = await openWatches(sim);
  }
  return n;
}

/** Two replicas appending the same churn into one PostgreSQL (Debian's server, started for it). */
async function measurePgJournal({ p, r }: Run): Promise<void> {
  if (!postgresBin()) {
    r.add('history.pg.skipped', 1, 'runs', undefined, 'PostgreSQL is not installed (apt-get install -y postgresql)');
    return;
  }
  const changes = p.quick ? 20_000 : 100_000;
  const j = await measureJournal(changes);
  const note = `${changes.toLocaleString('en')} changes recorded by both replicas at once, batches of 500; ${j.entries.toLocaleString('en')} entries, chain ${j.chainOk ? 'verified' : 'BROKEN'}`;
  r.add('history.pg.appendPerSecond', j.perSecond, 'changes/s', { min: 5_000 }, note);
  r.add('history.pg.duplicates', j.entries - changes, 'entries', { max: 0 }, 'entries beyond one per change');
}

async function measureBrowser({ p, r, server, timeout }: Run): Promise<void> {
  const browser = await launch();
  try {
    for (const pg of PAGES) {
      const f = await measurePage(browser, server.base, pg.path, pg.useful, timeout);
      const name = pg.path === '/' ? 'overview' : pg.path.slice(1);
      r.add(`page.${name}.paint`, f.paintMs, 'ms', { max: paintTarget(p.size.name, name) });
      const note = f.longTasksAfter ? `longest ${Math.round(f.longestAfterMs)} ms` : undefined;
      r.add(`page.${name}.longTasks`, f.longTasksAfter, 'tasks', big(p) ? undefined : { max: 0 }, note);
    }
    if (!big(p))
      r.add('page.topology.panZoomFps', await measurePanZoom(browser, server.base, timeout), 'fps', { min: 30 });
    await measureLocales(browser, r, server.base, timeout);
  } finally {
    await browser.close();
  }
}

/**
 * The topology in Simplified Chinese beside English, in turns (en, zh, en, zh…) so neither gets the warm
 * server: the labels are measured and fitted per locale, and Chinese ones are twice as wide per character.
 */
async function measureLocales(browser: Browser, r: Report, base: string, timeout: number): Promise<void> {
  const topology = PAGES[1];
  const times: Record<'en-US' | 'zh-CN', number[]> = { 'en-US': [], 'zh-CN': [] };
  for (let i = 0; i < 3; i++)
    for (const locale of ['en-US', 'zh-CN'] as const)
      times[locale].push(await measurePaint(browser, base, topology.path, topology.useful, timeout, locale));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const en = median(times['en-US']);
  const zh = median(times['zh-CN']);
  r.add('page.topology.paint.zh-CN', zh, 'ms', undefined, 'median of 3, taken in turns with English');
  r.add('page.topology.zh-CN.ratio', zh / Math.max(1, en), '×', { max: 1.25 }, `zh-CN / en median paint (en ${en} ms)`);
}

async function main(): Promise<void> {
  const p = plan();
  const r = new Report(p.size.name, previousResults(join(p.results, `${p.size.name}.json`)));
  const timeout = big(p) ? 3_600_000 : 900_000;
  await ensureBuilt(ROOT);
  if (p.phases.has('idle')) await measureIdle(r, timeout);
  console.log(`bench: ${p.size.name}: ${pods(p.size).toLocaleString('en')} pods; starting the sim`);
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'ordinal-bench-')), 'kubeconfig');
  // RBAC on, as a real apiserver: the dashboard's own account is an admin, the access phase's users are not.
  const sim = await startSim([...simArgs(p.size), '--rbac'], kubeconfig, timeout);
  r.add('sim.setup', sim.setupSeconds, 's', undefined, "the sim's own scenario build, for scale");
  const server = await startServer(kubeconfig, timeout);
  const rest = await everyKindSynced(server.base, timeout);
  r.add('sync.all', server.syncMs / 1000 + rest, 's', undefined, 'server spawn → every kind synced, Events included');
  const run: Run = { p, r, timeout, sim, server, kubeconfig, synced: await readyz(server.base) };
  measureSynced(run);
  const want = (phase: Phase) => p.phases.has(phase);
  if (want('history')) await measureHistoryBacklog(run);
  const idleWatches = await openWatches(sim);
  if (want('api')) await measureApi(run);
  if (want('streams') && !big(p)) await measureStreams(run, idleWatches);
  if (want('browser')) await measureBrowser(run);
  if (want('historyFile')) await measureHistoryFile(run);
  if (want('historyOff')) await measureHistoryOff(run);
  if (want('access') && !big(p)) await measureAccess(run, idleWatches);
  if (want('pg')) await measurePgJournal(run);
  await stopAll();
  if (p.phases.size < PHASES.length - (p.browser ? 0 : 1)) {
    console.log(`\n${r.table()}\n\nbench: a partial run (${[...p.phases].join(', ')}): no results written`);
    return;
  }
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
