import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

/**
 * One kubeconfig of several sims, as a user's kubeconfig of several clusters: each sim's
 * one-context file (sim/kubeconfig.ts) with its cluster, user and context renamed, the first the current.
 */
interface SimKubeconfig {
  clusters: Array<{ name: string }>;
  users: Array<{ name: string }>;
  contexts: Array<{ name: string; context: Record<string, string> }>;
}

function renamed(path: string, name: string): SimKubeconfig {
  const k = parse(readFileSync(path, 'utf8')) as SimKubeconfig;
  for (const list of [k.clusters, k.users, k.contexts]) for (const item of list) item.name = name;
  for (const c of k.contexts) c.context = { ...c.context, cluster: name, user: name };
  return k;
}

/** Writes `out` from `sims` (context name → that sim's kubeconfig path). */
export function mergeKubeconfigs(out: string, sims: Record<string, string>): void {
  const parts = Object.entries(sims).map(([name, path]) => renamed(path, name));
  writeFileSync(
    out,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': Object.keys(sims)[0],
      clusters: parts.flatMap((p) => p.clusters),
      users: parts.flatMap((p) => p.users),
      contexts: parts.flatMap((p) => p.contexts),
    }),
  );
}
