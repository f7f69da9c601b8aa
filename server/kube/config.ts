import 'server-only';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// The module alone, not the package's index (every generated API and model): see clientnode.ts.
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { Settings } from '../settings/table';

/** What the cluster configuration reads of the settings. */
export type KubeSettings = Pick<
  Settings,
  | 'kubeconfig'
  | 'home'
  | 'context'
  | 'contexts'
  | 'kubeconfigDir'
  | 'clusterName'
  | 'serviceHost'
  | 'servicePort'
  | 'inClusterRoot'
>;

/**
 * Where the dashboard's cluster credentials come from, as kubectl reads them:
 * KUBECONFIG (colon-separated list) or ~/.kube/config, with ORDINAL_CONTEXT picking
 * a context; inside a pod, the mounted service account. Every failure is a
 * KubeConfigError whose message says what to fix, never a crash.
 */
export class KubeConfigError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
  }
}

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface LoadedConfig {
  kc: KubeConfig;
  source: string;
  context: string;
  server: string;
}

function kubeconfigPaths(s: KubeSettings): string[] {
  if (s.kubeconfig) return s.kubeconfig;
  return s.home ? [`${s.home}/.kube/config`] : [];
}

function parseFile(path: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new KubeConfigError(`kubeconfig ${path} is not valid: ${parseProblem(e)}`, path);
  }
  return kc;
}

/**
 * Why a kubeconfig did not load, naming the line and column, never quoting the file: the YAML
 * parser's message carries a snippet of the text around the fault, and a kubeconfig holds tokens
 * and keys. A check of client-node (`clusters[0].cluster is missing`) names fields, never values.
 */
export function parseProblem(e: unknown): string {
  const x = e as { name?: unknown; reason?: unknown; mark?: { line?: unknown; column?: unknown }; message?: unknown };
  if (x?.mark && typeof x.mark.line === 'number') {
    const column = typeof x.mark.column === 'number' ? x.mark.column + 1 : 1;
    const why = typeof x.reason === 'string' ? x.reason.slice(0, 120) : 'not valid YAML';
    return `${why} at line ${x.mark.line + 1}, column ${column}`;
  }
  const m = typeof x?.message === 'string' ? x.message : '';
  // client-node's own checks: a field path and "is missing" / "must be …", one short line.
  return /^[\w.[\]]+ (is missing|must be [\w -]+)$/.test(m) ? m : 'not a kubeconfig (no text of it is shown)';
}

/**
 * The pod's service account: KUBERNETES_SERVICE_HOST/PORT (client-node reads them from the
 * environment of the process), its CA and its token file (re-read as the kubelet rotates it).
 */
function inCluster(kc: KubeConfig, s: KubeSettings): void {
  if (s.servicePort === undefined)
    throw new KubeConfigError('in a pod, KUBERNETES_SERVICE_PORT must be a port number', 'in-cluster service account');
  kc.loadFromCluster(s.inClusterRoot);
}

export function loadKubeConfig(s: KubeSettings): LoadedConfig {
  let kc = new KubeConfig();
  const paths = kubeconfigPaths(s).filter((p) => existsSync(p));
  let source: string;
  if (paths.length > 0) {
    source = paths.join(':');
    // As kubectl merges a KUBECONFIG list: the first file's current context wins.
    const [first, ...rest] = paths.map(parseFile);
    kc = first;
    for (const more of rest) kc.mergeConfig(more);
  } else if (s.serviceHost && existsSync(`${s.inClusterRoot}${SA_TOKEN}`)) {
    source = 'in-cluster service account';
    inCluster(kc, s);
  } else {
    const tried = kubeconfigPaths(s);
    throw new KubeConfigError(
      tried.length
        ? `no kubeconfig found at ${tried.join(':')}; set KUBECONFIG to a kubeconfig file (npm run sim writes one)`
        : 'no kubeconfig: set KUBECONFIG, or run in a pod with a service account',
      tried.join(':'),
    );
  }
  const wanted = s.context;
  if (wanted) {
    if (!kc.getContextObject(wanted)) {
      const known =
        kc
          .getContexts()
          .map((c) => c.name)
          .join(', ') || 'none';
      throw new KubeConfigError(`ORDINAL_CONTEXT=${wanted} is not a context in ${source} (contexts: ${known})`, source);
    }
    kc.setCurrentContext(wanted);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    throw new KubeConfigError(`${source}: the current context "${kc.getCurrentContext()}" names no cluster`, source);
  return { kc, source, context: kc.getCurrentContext(), server: cluster.server };
}

/** One cluster Ordinal can show: a kubeconfig context (or the pod's own cluster), by its name. */
export interface ClusterConfig {
  name: string;
  /** A kubeconfig whose current context is this cluster's. */
  kc: KubeConfig;
  server: string;
  source: string;
}

/** A mounted kubeconfig that could not be read: shown as a cluster in error, never fatal to the others. */
export interface BrokenCluster {
  name: string;
  source: string;
  error: string;
}

export interface ClusterConfigs {
  clusters: ClusterConfig[];
  broken: BrokenCluster[];
  /** The cluster today's URLs (no `/c/{cluster}`) show: ORDINAL_CONTEXT, else the current context. */
  default: string;
}

function forContext(kc: KubeConfig, context: string, source: string): ClusterConfig {
  const one = new KubeConfig();
  one.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: context });
  const cluster = one.getCurrentCluster();
  if (!cluster) throw new KubeConfigError(`${source}: the context "${context}" names no cluster`, source);
  return { name: context, kc: one, server: cluster.server, source };
}

/**
 * Every cluster of the configuration, as `/api/v1/clusters` lists them: the contexts of the
 * kubeconfig (all of them, or those in ORDINAL_CONTEXTS), or the pod's own cluster; and the
 * contexts of each kubeconfig in ORDINAL_KUBECONFIG_DIR (Secrets mounted as files; dotfiles,
 * the kubelet's `..data` links, skipped). An unusable setting is a KubeConfigError; an unreadable
 * mounted file is one broken cluster.
 */
export function clusterConfigs(s: KubeSettings): ClusterConfigs {
  const base = loadKubeConfig(s);
  const wanted = s.contexts;
  const known = base.kc.getContexts().map((c) => c.name);
  for (const c of wanted ?? []) {
    if (known.includes(c)) continue;
    const contexts = known.join(', ') || 'none';
    throw new KubeConfigError(
      `ORDINAL_CONTEXTS names ${c}, not a context in ${base.source} (contexts: ${contexts})`,
      base.source,
    );
  }
  const inPod = base.source === 'in-cluster service account';
  // The pod's own cluster has no context name of its own: ORDINAL_CLUSTER_NAME, or `in-cluster`.
  const own = inPod ? s.clusterName : base.context;
  const names = inPod ? [own] : (wanted ?? known);
  const clusters = names.map((n) =>
    n === own
      ? { name: n, kc: base.kc, server: base.server, source: base.source }
      : forContext(base.kc, n, base.source),
  );
  const broken: BrokenCluster[] = [];
  const dir = s.kubeconfigDir;
  if (dir) {
    if (!existsSync(dir)) {
      throw new KubeConfigError(`ORDINAL_KUBECONFIG_DIR=${dir} does not exist`, 'ORDINAL_KUBECONFIG_DIR');
    }
    for (const file of readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .sort()) {
      const path = join(dir, file);
      if (!statSync(path).isFile()) continue;
      try {
        const kc = parseFile(path);
        for (const c of kc.getContexts()) {
          const taken = clusters.some((x) => x.name === c.name);
          clusters.push(forContext(kc, c.name, path));
          if (taken) clusters[clusters.length - 1].name = `${file}/${c.name}`;
        }
      } catch (e) {
        broken.push({ name: file, source: path, error: (e as Error).message });
      }
    }
  }
  const def = names.includes(own) ? own : names[0];
  return { clusters, broken, default: def };
}
