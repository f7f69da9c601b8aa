import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { publishedRuntimeStats, setLagObserver } from '../stream/published';
import { streamRegistry } from '../stream/registry';
import { routeOf } from './routes';

/**
 * /metrics in Prometheus' text format (prom-client): each informer's state, lists (relists),
 * watch starts and failures per kind, cached objects, live SSE viewers, the event lag (a change
 * reaching the engine → the revision holding it emitted), requests by route, method and status
 * with their durations, and the process' own figures. Served on its own port
 * (ORDINAL_METRICS_PORT), never on the dashboard's: scrapers need no sign-in there, and
 * viewers of the dashboard never see it.
 */
export interface Metrics {
  registry: Registry;
  /** One request answered: by the route that served it (routes.ts), never by its path. */
  request(path: string, method: string, status: number, seconds: number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'ordinal_' });
  const requests = new Counter({
    name: 'ordinal_http_requests_total',
    help: 'Requests answered, by route, method and status.',
    labelNames: ['route', 'method', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: 'ordinal_http_request_duration_seconds',
    help: 'Time to answer a request (to its last byte: a stream counts when it ends), by route.',
    labelNames: ['route'],
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    registers,
  });
  const lag = new Histogram({
    name: 'ordinal_event_lag_seconds',
    help: 'From a watched change reaching the topology engine to the revision holding it being emitted to viewers.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  setLagObserver((ms) => lag.observe(ms / 1000));
  runtimeGauges(registers);
  return {
    registry,
    request(path, method, status, seconds) {
      const route = routeOf(path);
      requests.inc({ route, method: method === 'GET' || method === 'HEAD' ? method : 'other', status: String(status) });
      duration.observe({ route }, seconds);
    },
  };
}

/** Read from the runtime at each scrape (published.ts): nothing to keep in step. */
function runtimeGauges(registers: Registry[]): void {
  new Gauge({
    name: 'ordinal_informer_state',
    help: "1 for each kind's current state: synced, syncing, forbidden (403) or error.",
    labelNames: ['kind', 'state'],
    registers,
    collect() {
      this.reset();
      for (const [kind, s] of Object.entries(publishedRuntimeStats()?.syncStatus() ?? {}))
        this.set({ kind, state: s.state }, 1);
    },
  });
  const counts = [
    ['lists', 'Full lists per kind: the first and every relist (410, a 403 lifted, after an error).'],
    ['watches', 'Watches started per kind: the first and every restart.'],
    ['failures', 'Failed lists or watches per kind (403s and errors).'],
  ] as const;
  for (const [key, help] of counts) {
    new Counter({
      name: `ordinal_informer_${key}_total`,
      help,
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset();
        for (const [kind, c] of Object.entries(publishedRuntimeStats()?.reflectorCounts() ?? {}))
          this.inc({ kind }, c[key]);
      },
    });
  }
  new Gauge({
    name: 'ordinal_cache_objects',
    help: 'Objects in the shared cache, by kind.',
    labelNames: ['kind'],
    registers,
    collect() {
      this.reset();
      for (const [kind, n] of Object.entries(publishedRuntimeStats()?.objects() ?? {})) this.set({ kind }, n);
    },
  });
  new Gauge({
    name: 'ordinal_sse_viewers',
    help: 'Live SSE streams.',
    registers,
    collect() {
      this.set(streamRegistry().live);
    },
  });
}

/** The metrics server: GET /metrics, everything else 404, with the dashboard's security headers. */
export function serveMetrics(m: Metrics, headers: [string, string][]): Server {
  return createServer((req, res) => {
    for (const [k, v] of headers) res.setHeader(k, v);
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 only GET /metrics is served here\n');
      return;
    }
    m.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': m.registry.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (e: unknown) => {
        console.error('ordinal: metrics failed', e);
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('500 the metrics could not be collected\n');
      },
    );
  });
}
