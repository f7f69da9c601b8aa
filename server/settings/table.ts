import { isNamespaceName } from '@/lib/names';
import { basePath } from './basepath';
import { accessRows, oidcRows } from './signin';
import {
  absolutePath,
  durationMs,
  given,
  hostEntry,
  list,
  listenAddress,
  matching,
  MIN_KEY_CHARS,
  oneOf,
  optionalPath,
  optionalPort,
  row,
  portNumber,
  positiveInt,
  SettingError,
  STATE_DIR_NAME,
  text,
  untrimmed,
} from './parse';

/**
 * The settings table: one row per environment variable the server reads (SettingRow in parse.ts).
 * `Settings` is derived from it, README's settings table is made from its words
 * (`npm run settings:readme`, checked by readme.test.ts) and rules between settings are in rules.ts.
 */
const namespace = (item: string, name: string): string => {
  if (!isNamespaceName(item)) throw new SettingError(name, `"${item.slice(0, 80)}" is not a namespace name`);
  return item;
};

export const SETTINGS = {
  kubeconfig: row({
    env: 'KUBECONFIG',
    default: '`~/.kube/config`',
    doc: 'the kubeconfig files as kubectl reads them (a colon-separated list; the first file’s current context wins)',
    parse: (raw) => raw?.split(':').filter(Boolean).map(absolutePath),
  }),
  home: row({
    env: 'HOME',
    doc: 'where `~/.kube/config` is looked for when `KUBECONFIG` is unset',
    parse: text(undefined),
  }),
  context: row({
    env: 'ORDINAL_CONTEXT',
    default: 'the current context',
    doc: 'the default cluster’s context: the one at today’s URLs (no `/c/{cluster}`)',
    parse: text(undefined),
  }),
  contexts: row({
    env: 'ORDINAL_CONTEXTS',
    default: 'every context of the kubeconfig',
    doc: 'the contexts shown as clusters, comma-separated; a name that is not a context is a clear error',
    parse: list((s) => s),
  }),
  kubeconfigDir: row({
    env: 'ORDINAL_KUBECONFIG_DIR',
    doc:
      'more clusters: every kubeconfig file in this directory (Secrets mounted as files; dotfiles and the ' +
      'kubelet’s `..data` links skipped) adds its contexts (a name already taken becomes `FILE/CONTEXT`); an ' +
      'unreadable file is listed as one cluster in error, the others unaffected',
    parse: optionalPath,
  }),
  clusterName: row({
    env: 'ORDINAL_CLUSTER_NAME',
    default: '`in-cluster`',
    doc: 'in a pod: the name of the pod’s own cluster, the default one',
    parse: text('in-cluster'),
  }),
  clusterIdleMs: row({
    env: 'ORDINAL_CLUSTER_IDLE',
    default: '`10m`',
    doc:
      'how long a cluster other than the default keeps its watches with nobody looking; it starts again ' +
      'on the next request',
    parse: durationMs('10m'),
  }),
  serviceHost: row({
    env: 'KUBERNETES_SERVICE_HOST',
    doc: 'in a pod (no kubeconfig): the API server, as the kubelet sets it',
    parse: text(undefined),
  }),
  servicePort: row({
    env: 'KUBERNETES_SERVICE_PORT',
    doc: 'in a pod: the API server’s port, as the kubelet sets it',
    parse: optionalPort,
  }),
  inClusterRoot: row({
    env: 'ORDINAL_IN_CLUSTER_ROOT',
    default: '`/`',
    doc:
      'in a pod: the service account’s token, CA and namespace are read under ' +
      '`/var/run/secrets/kubernetes.io/serviceaccount/` of this root (the token is re-read as it rotates)',
    parse: (raw) => given(raw)?.replace(/\/+$/, '') ?? '',
  }),
  namespaces: row({
    env: 'ORDINAL_NAMESPACES',
    default: 'every namespace',
    doc: 'comma-separated namespaces to watch (for namespaced RBAC); cluster-scoped kinds stay cluster-wide',
    parse: list(namespace),
  }),
  watchStallMs: row({
    env: 'ORDINAL_WATCH_STALL_MS',
    default: '90000',
    doc: 'restart a watch that sent nothing (no event, no bookmark) for this many milliseconds',
    parse: positiveInt(90_000),
  }),
  forbiddenRetryMs: row({
    env: 'ORDINAL_FORBIDDEN_RETRY_MS',
    default: '4000',
    doc:
      'the longest wait, in milliseconds, before a kind that answered 403 is asked again; the first retry ' +
      'comes after about 1 s, then backs off to this',
    parse: positiveInt(4_000),
  }),
  port: row({
    env: 'PORT',
    default: '3000',
    doc:
      'the port of `npm start` (`-p` wins); its listen address is `-H` (default `127.0.0.1`, loopback; ' +
      '`-H 0.0.0.0` for every interface, which needs `ORDINAL_AUTH=proxy` or `oidc`)',
    parse: (raw, name) => portNumber(given(raw) ?? '3000', name),
  }),
  allowedHosts: row({
    env: 'ORDINAL_ALLOWED_HOSTS',
    doc:
      'comma-separated extra `Host` names the server answers to: names, `*.example.com` for subdomains, IP ' +
      'addresses, or `*` for any. Put the in-cluster Ingress host here (e.g. `ordinal.example.com`). Always ' +
      'allowed: `localhost`, `*.localhost`, loopback addresses and the machine’s own name',
    parse: list(hostEntry),
  }),
  maxStreams: row({
    env: 'ORDINAL_MAX_STREAMS',
    default: '1000',
    doc: 'live SSE streams allowed in total; beyond: 429 with `Retry-After`',
    parse: positiveInt(1000),
  }),
  maxStreamsPerClient: row({
    env: 'ORDINAL_MAX_STREAMS_PER_CLIENT',
    default: '100',
    doc:
      'live SSE streams allowed per client — the signed-in user, else the client address (at most ' +
      '`ORDINAL_MAX_STREAMS`); beyond: 429 with `Retry-After`',
    parse: positiveInt(100),
  }),
  stateDir: row({
    env: 'ORDINAL_STATE_DIR',
    default: '`.ordinal`',
    doc:
      'where the server keeps its state — the fingerprint key (`fingerprint.key`) and, unless ' +
      '`ORDINAL_HISTORY` says otherwise, the history (`history.db`); a relative path is taken from the ' +
      'directory the server was started in',
    parse: (raw) => absolutePath(given(raw) ?? STATE_DIR_NAME),
  }),
  fingerprintKey: row({
    env: 'ORDINAL_FINGERPRINT_KEY',
    default: '`.ordinal/fingerprint.key`',
    doc:
      `the key (at least ${MIN_KEY_CHARS} characters, e.g. \`openssl rand -hex 32\`) for Secret value ` +
      'fingerprints and sealed sessions; give every replica the same one. Unset: a key is made at first ' +
      'start in the state directory’s `fingerprint.key` (mode 0600); on a read-only disk, a random one per process',
    parse: (raw, name) => {
      const key = untrimmed(raw, name);
      if (key !== undefined && key.length < MIN_KEY_CHARS)
        throw new SettingError(name, `must be at least ${MIN_KEY_CHARS} characters (e.g. \`openssl rand -hex 32\`)`);
      return key;
    },
  }),
  redactEnv: row({
    env: 'ORDINAL_REDACT_ENV',
    default: '`on`',
    doc: '`off` shows literal env values whose names look like credentials (redacted when `on`)',
    parse: (raw, name) => oneOf(['on', 'off'], 'on')(raw?.toLowerCase(), name) === 'on',
  }),
  ...historyRows(),
  ...accessRows(),
  ...oidcRows(),
  ...edgeRows(),
} as const;

/** The history's settings: where it is kept and for how long. */
function historyRows() {
  return {
    history: row({
      env: 'ORDINAL_HISTORY',
      default: '`.ordinal/history.db`',
      doc:
        'the change history’s file (SQLite, WAL), or `off`. One process records a file (it holds `FILE.lock`): ' +
        'a second dashboard on the same file runs with history off and says so in `/api/v1/history/status`, ' +
        'naming the process that writes it (pid, host, since when: the writer notes itself in the file as it ' +
        'takes the lock); readers — the history worker, the audit CLI’s `verify` and `export` — read beside it',
      parse: (raw, name): string | false | undefined => {
        const v = given(raw);
        if (v === 'off') return false;
        if (v !== undefined && (v.includes('\0') || v.length > 4096))
          throw new SettingError(name, 'must be a file path or "off"');
        return v === undefined ? undefined : absolutePath(v);
      },
    }),
    historyUrl: row({
      env: 'ORDINAL_HISTORY_URL',
      doc:
        '`postgres://…` (or `postgresql://…`, node-postgres’ connection string: `?sslmode=require` and the ' +
        'rest): the history kept in PostgreSQL, shared by every replica (see "Replicas, one history"); ' +
        '`ORDINAL_HISTORY` then only says where this replica’s mirror of it goes (`history-mirror.db` in that ' +
        'directory, kept across restarts; in memory if another process holds it)',
      parse: matching(/^postgres(ql)?:\/\/./, 'must be a postgres:// or postgresql:// URL'),
    }),
    historyRetentionMs: row({
      env: 'ORDINAL_HISTORY_RETENTION',
      default: '`30d`',
      doc:
        'entries older than this (`30d`, `12h`, `90m`) are removed. Cleanups run in the background (half a ' +
        'minute after start, then every ten minutes); each object’s state at the boundary is kept, so the ' +
        'oldest retained time can still be rebuilt, and the chain verifies on from the last removed entry',
      parse: durationMs('30d'),
    }),
    historyMaxMb: row({
      env: 'ORDINAL_HISTORY_MAX_MB',
      default: '1024',
      doc: 'the oldest entries are removed while the history file holds more than this many MB',
      parse: (raw, name) => {
        const v = given(raw) ?? '1024';
        if (!/^\d{1,7}$/.test(v) || Number(v) < 1)
          throw new SettingError(name, `must be a whole number of megabytes, not "${v.slice(0, 40)}"`);
        return Number(v);
      },
    }),
    auditFile: row({
      env: 'ORDINAL_AUDIT_FILE',
      doc:
        'serve this history file or audit bundle read-only with no cluster (`npm run audit -- serve` sets it): ' +
        'the history, time travel and exports answer, the live views are empty',
      parse: optionalPath,
    }),
  };
}

/** What the edge serves beside the app: a path prefix, and /metrics. */
function edgeRows() {
  return {
    basePath: row({
      env: 'ORDINAL_BASE_PATH',
      doc:
        'serve under a path prefix (e.g. `/ordinal`, behind an Ingress at `https://HOST/ordinal/`): every ' +
        'page, asset, API route, stream and export moves under it, from the same build (no rebuild); outside ' +
        'it only the probes answer (404), and the bare prefix redirects to `/ordinal/`',
      parse: basePath,
    }),
    metricsPort: row({
      env: 'ORDINAL_METRICS_PORT',
      doc:
        'serve `GET /metrics` (Prometheus text format) on this port, never on the dashboard’s, on loopback ' +
        'unless `ORDINAL_METRICS_HOST` names another address (`0.0.0.0` in the deploy base, behind its ' +
        'NetworkPolicy): `ordinal_informer_state{kind,state}`, `ordinal_informer_lists_total` / ' +
        '`_watches_total` / `_failures_total{kind}` (relists, watch restarts, 403s and errors), ' +
        '`ordinal_cache_objects{kind}`, `ordinal_sse_viewers`, `ordinal_event_lag_seconds` (a change reaching ' +
        'the engine → its revision emitted to viewers), `ordinal_http_requests_total{route,method,status}` and ' +
        '`ordinal_http_request_duration_seconds{route}` (labelled by the app’s route, never by path), and the ' +
        'process’ own (`ordinal_process_*`, `ordinal_nodejs_*`). Off when unset; the deploy manifests set 9090',
      parse: optionalPort,
    }),
    metricsHost: row({
      env: 'ORDINAL_METRICS_HOST',
      default: '`127.0.0.1`',
      doc: 'the address `/metrics` listens on (an IP address, `0.0.0.0` for every interface): it has no sign-in',
      parse: listenAddress('127.0.0.1'),
    }),
  };
}

/** The typed settings of a process: one field per row, as its parser gives it. */
export type Settings = { readonly [K in keyof typeof SETTINGS]: ReturnType<(typeof SETTINGS)[K]['parse']> };
