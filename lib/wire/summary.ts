/**
 * The overview's data, computed by the server from the whole topology (every node of a
 * 20,000-pod cluster is 40 MB of JSON; this is a few KB): per-namespace counts and health,
 * and the worst problems first.
 */

import { parseNodeId } from './kinds';
import { HEALTH_RANK, worstHealth } from './health';
import type { Problem } from './problems';
import type { GraphEdge, GraphNode, Health } from './topology';

export interface NamespaceSummary {
  namespace: string;
  health: Health;
  statefulSets: { total: number; unhealthy: number };
  claims: { total: number; pending: number; lost: number; orphaned: number };
  driftedPods: number;
  services: { total: number; withoutEndpoints: number };
}

export interface ClusterSummary {
  revision: number;
  namespaces: NamespaceSummary[];
  /** Problems by root cause, the worst first (lib/wire/problems.ts), at most `PROBLEMS_LISTED`. */
  problems: Problem[];
  /** Every problem but the information ones. */
  problemCount: number;
  releasedVolumes: number;
}

export const PROBLEMS_LISTED = 40;

function emptyNamespace(namespace: string): NamespaceSummary {
  return {
    namespace,
    health: 'ok',
    statefulSets: { total: 0, unhealthy: 0 },
    claims: { total: 0, pending: 0, lost: 0, orphaned: 0 },
    driftedPods: 0,
    services: { total: 0, withoutEndpoints: 0 },
  };
}

function count(s: NamespaceSummary, n: GraphNode): void {
  s.health = worstHealth([s.health, n.status]);
  if (n.kind === 'StatefulSet') {
    s.statefulSets.total++;
    if (n.status !== 'ok') s.statefulSets.unhealthy++;
  } else if (n.kind === 'PersistentVolumeClaim') {
    s.claims.total++;
    if (n.info.phase === 'Pending') s.claims.pending++;
    if (n.info.phase === 'Lost') s.claims.lost++;
    if (n.info.orphan) s.claims.orphaned++;
  } else if (n.kind === 'Service') {
    s.services.total++;
    if (n.info.ready === 0 && n.status !== 'ok') s.services.withoutEndpoints++;
  }
}

/** The overview from the graph and its problems (already grouped and ranked: server/topology/problems.ts). */
export function summarize(
  revision: number,
  nodes: Iterable<GraphNode>,
  edges: Iterable<GraphEdge>,
  problems: readonly Problem[],
): ClusterSummary {
  const byNs = new Map<string, NamespaceSummary>();
  const get = (ns: string) => byNs.get(ns) ?? byNs.set(ns, emptyNamespace(ns)).get(ns) ?? emptyNamespace(ns);
  let releasedVolumes = 0;
  for (const n of nodes) {
    if (n.kind === 'PersistentVolume' && n.info.phase === 'Released') releasedVolumes++;
    if (n.namespace) count(get(n.namespace), n);
  }
  const drifted = new Set<string>();
  for (const e of edges) if (e.kind === 'mounts' && e.drift) drifted.add(e.target);
  for (const pod of drifted) {
    const ns = parseNodeId(pod)?.namespace;
    if (ns) get(ns).driftedPods++;
  }
  const namespaces = [...byNs.values()].sort(
    (a, b) => HEALTH_RANK[b.health] - HEALTH_RANK[a.health] || a.namespace.localeCompare(b.namespace),
  );
  const problemCount = problems.filter((p) => p.impact !== 'information').length;
  return { revision, namespaces, problems: problems.slice(0, PROBLEMS_LISTED), problemCount, releasedVolumes };
}
