import { parseNodeId } from '@/lib/wire/kinds';
import { byHealthThenId, HEALTH_RANK, worstHealth } from '@/lib/wire/health';
import { nodesOf, type GraphNode, type Health, type Topology } from '@/lib/wire/topology';

/** Per-namespace counts and the worst problems first, derived from the live topology. */
export interface NamespaceSummary {
  namespace: string;
  health: Health;
  statefulSets: { total: number; unhealthy: number };
  claims: { total: number; pending: number; lost: number; orphaned: number };
  driftedPods: number;
  services: { total: number; withoutEndpoints: number };
}


export function summarize(t: Topology): { namespaces: NamespaceSummary[]; problems: GraphNode[]; releasedVolumes: number } {
  const byNs = new Map<string, NamespaceSummary>();
  const get = (ns: string) => {
    let s = byNs.get(ns);
    if (!s) {
      s = { namespace: ns, health: 'ok', statefulSets: { total: 0, unhealthy: 0 }, claims: { total: 0, pending: 0, lost: 0, orphaned: 0 }, driftedPods: 0, services: { total: 0, withoutEndpoints: 0 } };
      byNs.set(ns, s);
    }
    return s;
  };
  for (const n of t.nodes) {
    if (!n.namespace) continue;
    const s = get(n.namespace);
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
  const drifted = new Set(t.edges.filter((e) => e.kind === 'mounts' && e.drift).map((e) => e.target));
  for (const pod of drifted) {
    const ns = parseNodeId(pod)?.namespace;
    if (ns) get(ns).driftedPods++;
  }
  const problems = t.nodes.filter((n) => n.status === 'error' || n.status === 'warning').sort(byHealthThenId);
  const namespaces = [...byNs.values()].sort((a, b) => HEALTH_RANK[b.health] - HEALTH_RANK[a.health] || a.namespace.localeCompare(b.namespace));
  const releasedVolumes = nodesOf(t.nodes, 'PersistentVolume').filter((n) => n.info.phase === 'Released').length;
  return { namespaces, problems, releasedVolumes };
}
