import 'server-only';
import { existsSync, readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';

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

/**
 * ORDINAL_IN_CLUSTER_ROOT: where the pod's filesystem root is for the mounted service account
 * (default `/`): the token, CA and namespace are read under it, as client-node's
 * loadFromCluster prefix. For a service account mounted elsewhere, and for tests.
 */
function podRoot(env: NodeJS.ProcessEnv): string {
  const raw = env.ORDINAL_IN_CLUSTER_ROOT?.trim();
  return raw ? raw.replace(/\/+$/, '') : '';
}

export interface LoadedConfig {
  kc: KubeConfig;
  source: string;
  context: string;
  server: string;
}

function kubeconfigPaths(env: NodeJS.ProcessEnv): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(':').filter(Boolean);
  const home = env.HOME ?? env.USERPROFILE;
  return home ? [`${home}/.kube/config`] : [];
}

function parseFile(path: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new KubeConfigError(`kubeconfig ${path} is not valid: ${(e as Error).message}`, path);
  }
  return kc;
}

/**
 * The pod's service account: KUBERNETES_SERVICE_HOST/PORT (client-node reads them from the
 * process environment), its CA and its token file (re-read as the kubelet rotates it).
 */
function inCluster(kc: KubeConfig, env: NodeJS.ProcessEnv): void {
  if (!/^\d{1,5}$/.test(env.KUBERNETES_SERVICE_PORT ?? ''))
    throw new KubeConfigError('in a pod, KUBERNETES_SERVICE_PORT must be a port number', 'in-cluster service account');
  kc.loadFromCluster(podRoot(env));
}

export function loadKubeConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let kc = new KubeConfig();
  const paths = kubeconfigPaths(env).filter((p) => existsSync(p));
  let source: string;
  if (paths.length > 0) {
    source = paths.join(':');
    // As kubectl merges a KUBECONFIG list: the first file's current context wins.
    const [first, ...rest] = paths.map(parseFile);
    kc = first;
    for (const more of rest) kc.mergeConfig(more);
  } else if (env.KUBERNETES_SERVICE_HOST && existsSync(`${podRoot(env)}${SA_TOKEN}`)) {
    source = 'in-cluster service account';
    inCluster(kc, env);
  } else {
    const tried = kubeconfigPaths(env);
    throw new KubeConfigError(
      tried.length
        ? `no kubeconfig found at ${tried.join(':')}; set KUBECONFIG to a kubeconfig file (npm run sim writes one)`
        : 'no kubeconfig: set KUBECONFIG, or run in a pod with a service account',
      tried.join(':'),
    );
  }
  const wanted = env.ORDINAL_CONTEXT;
  if (wanted) {
    if (!kc.getContextObject(wanted)) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new KubeConfigError(`ORDINAL_CONTEXT=${wanted} is not a context in ${source} (contexts: ${known})`, source);
    }
    kc.setCurrentContext(wanted);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeConfigError(`${source}: the current context "${kc.getCurrentContext()}" names no cluster`, source);
  return { kc, source, context: kc.getCurrentContext(), server: cluster.server };
}
