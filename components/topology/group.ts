import { HEALTH_RANK, worstHealth } from '@/lib/wire/health';
import type { GraphEdge, GraphNode, Health } from '@/lib/wire/topology';

/**
 * Level of detail for large graphs: the pods (and claims) of a big StatefulSet are
 * drawn as one group node carrying counts per status; edges to the members go to the
 * group instead. Small graphs are drawn as they are.
 */
export interface DrawnNode extends Omit<GraphNode, 'kind'> {
  kind: GraphNode['kind'] | 'Group';
  /** For a group: the kind of its members, which decides its column. */
  memberKind?: GraphNode['kind'];
  members?: number;
  counts?: Partial<Record<Health, number>>;
}

export interface Drawn {
  nodes: DrawnNode[];
  edges: GraphEdge[];
  grouped: number;
}


export function groupLarge(nodes: GraphNode[], edges: GraphEdge[], opts: { maxNodes: number; minGroup: number }): Drawn {
  if (nodes.length <= opts.maxNodes) return { nodes, edges, grouped: 0 };
  const owner = new Map<string, string>();
  for (const e of edges) if (e.kind === 'owns') owner.set(e.target, e.source);
  const members = new Map<string, string[]>();
  for (const [pod, sts] of owner) members.set(sts, [...(members.get(sts) ?? []), pod]);
  // Claims follow their pod into the group, and volumes their claim.
  for (const [kind, from, suffix] of [['claims', 'Pod/', '#claims'], ['binds', 'PersistentVolumeClaim/', '#volumes']] as const) {
    for (const e of edges) {
      if (e.kind !== kind || !e.source.startsWith(from)) continue;
      const sts = owner.get(e.source)?.split('#')[0];
      if (sts) owner.set(e.target, `${sts}${suffix}`);
    }
  }
  const groupOf = new Map<string, string>();
  const memberKind = { pods: 'Pod', claims: 'PersistentVolumeClaim', volumes: 'PersistentVolume' } as const;
  for (const [sts, pods] of members) {
    if (pods.length < opts.minGroup) continue;
    const base = `Group/${sts.slice('StatefulSet/'.length)}`;
    for (const p of pods) groupOf.set(p, `${base}/pods`);
    for (const [id, o] of owner) if (o === `${sts}#claims` || o === `${sts}#volumes`) groupOf.set(id, `${base}/${o.split('#')[1]}`);
  }
  const groups = new Map<string, DrawnNode>();
  const out: DrawnNode[] = [];
  for (const n of nodes) {
    const g = groupOf.get(n.id);
    if (!g) {
      out.push(n);
      continue;
    }
    let gn = groups.get(g);
    if (!gn) {
      const [, ns, sts, what] = g.split('/') as [string, string, string, keyof typeof memberKind];
      gn = { id: g, kind: 'Group', memberKind: memberKind[what], namespace: ns, name: `${sts} ${what}`, status: 'ok', members: 0, counts: {} };
      groups.set(g, gn);
      out.push(gn);
    }
    gn.members = (gn.members ?? 0) + 1;
    gn.counts = { ...gn.counts, [n.status]: (gn.counts?.[n.status] ?? 0) + 1 };
    gn.status = worstHealth([gn.status, n.status]);
  }
  for (const g of groups.values()) {
    const c = g.counts ?? {};
    g.reason = `${g.members} objects: ${(Object.keys(c) as Health[]).sort((a, b) => HEALTH_RANK[b] - HEALTH_RANK[a]).map((s) => `${c[s]} ${s}`).join(', ')}`;
  }
  const seen = new Map<string, GraphEdge>();
  for (const e of edges) {
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    if (source === target) continue;
    const id = `${e.kind}:${source}->${target}`;
    const prev = seen.get(id);
    seen.set(id, { ...e, id, source, target, drift: (prev?.drift ?? false) || e.drift || undefined });
  }
  return { nodes: out, edges: [...seen.values()], grouped: groupOf.size };
}
