import { findingHealth, isListed, type Finding, type Severity } from '@/lib/wire/findings';
import { inTrouble, worstHealth } from '@/lib/wire/health';
import { NODE_KINDS, parseNodeId, type NodeKind } from '@/lib/wire/kinds';
import { byImpact, type Impact, type Problem, type ProblemCode } from '@/lib/wire/problems';
import type { EdgeKind, GraphEdge, GraphNode, Health } from '@/lib/wire/topology';
import { problemTitle } from './wording';

/**
 * Problems by root cause, from the graph alone (pure): trouble flows along the edges — a missing
 * StorageClass to the claims waiting for it, a claim to the pods and StatefulSet using it, a pod
 * to its StatefulSet, the Services selecting it and their slices, a changed ConfigMap to the pods
 * running it stale. A node in trouble that nothing in trouble flows into is a cause; what it
 * reaches is what it breaks, listed under it rather than as problems of their own.
 */
type Flow = 'forward' | 'back';

/** Per edge kind, which way trouble flows (from source to target, or back), and when. */
const FLOWS: Partial<Record<EdgeKind, { flow: Flow; only?: (e: GraphEdge) => boolean }>> = {
  provisions: { flow: 'forward' },
  binds: { flow: 'back' },
  claims: { flow: 'back' },
  owns: { flow: 'back' },
  selects: { flow: 'back' },
  endpoint: { flow: 'back' },
  serves: { flow: 'back' },
  mounts: { flow: 'forward', only: (e) => !!e.drift },
};

/** Findings that are information worth listing although nothing is unhealthy, and whom they are about. */
const INFORMATION: Partial<Record<Finding['code'], (f: Finding, n: GraphNode) => string[]>> = {
  'scale.retainedClaims': (f, n) =>
    String(f.params.claims)
      .split(', ')
      .map((c) => `PersistentVolumeClaim/${n.namespace}/${c}`),
  'rollout.heldByPartition': () => [],
};

/** Of causes in a circle, the one named first: storage under workloads, workloads under Services. */
const CAUSE_KIND: NodeKind[] = [
  'StorageClass',
  'PersistentVolume',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'StatefulSet',
  'Pod',
  'Service',
  'EndpointSlice',
];

/** A StatefulSet's ordinals whose pods do not come Ready on the update revision: its rollout is their cause. */
function stuckOrdinals(n: GraphNode): Finding[] {
  if (n.kind !== 'StatefulSet') return [];
  return (n.findings ?? []).filter((f) => f.code === 'ordinal.notReady' && f.params.onUpdateRevision && f.subject);
}

interface Graph {
  nodes: Map<string, GraphNode>;
  /** Trouble flows from a node to these. */
  next: Map<string, string[]>;
  owns: Map<string, string[]>;
  selects: Map<string, string[]>;
}

function graphOf(nodes: Iterable<GraphNode>, edges: Iterable<GraphEdge>): Graph {
  const g: Graph = { nodes: new Map(), next: new Map(), owns: new Map(), selects: new Map() };
  const add = (m: Map<string, string[]>, from: string, to: string) =>
    (m.get(from) ?? m.set(from, []).get(from) ?? []).push(to);
  for (const n of nodes) g.nodes.set(n.id, n);
  const stuck = new Map<string, Set<string>>();
  for (const n of g.nodes.values()) {
    const pods = stuckOrdinals(n).map((f) => String(f.subject));
    if (pods.length) stuck.set(n.id, new Set(pods));
  }
  for (const e of edges) {
    if (e.kind === 'owns') add(g.owns, e.source, e.target);
    if (e.kind === 'selects') add(g.selects, e.source, e.target);
    const rule = FLOWS[e.kind];
    if (!rule || (rule.only && !rule.only(e))) continue;
    // Only edges that touch trouble carry it (a 20,000-pod cluster's healthy edges are skipped).
    const s = g.nodes.get(e.source)?.status;
    const t = g.nodes.get(e.target)?.status;
    if (s === 'ok' && t === 'ok' && !e.drift) continue;
    if (e.kind === 'owns' && stuck.get(e.source)?.has(e.target)) add(g.next, e.source, e.target);
    else if (rule.flow === 'forward') add(g.next, e.source, e.target);
    else add(g.next, e.target, e.source);
  }
  return g;
}

const isSource = (n: GraphNode | undefined) => n?.kind === 'ConfigMap' || n?.kind === 'Secret';

/**
 * Reached from a cause: the nodes not fine that its trouble flows to. A changed ConfigMap or Secret
 * reaches the pods running it stale and no further: what else is wrong with those pods (a stuck
 * rollout) is not the config's doing, and stays its own problem.
 */
function reach(g: Graph, cause: string): string[] {
  if (isSource(g.nodes.get(cause))) return (g.next.get(cause) ?? []).filter((to) => g.nodes.has(to));
  const seen = new Set([cause]);
  const queue = [cause];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const to of g.next.get(id) ?? []) {
      const n = g.nodes.get(to);
      if (!n || seen.has(to) || n.status === 'ok') continue;
      seen.add(to);
      queue.push(to);
    }
  }
  seen.delete(cause);
  return [...seen];
}

const kindOrder = (id: string) => CAUSE_KIND.indexOf(parseNodeId(id)?.kind ?? 'Service');

export interface ProblemOptions {
  /** When a problem was first seen (ms); the engine remembers, a one-off answer passes `now`. */
  firstSeen(id: string): number;
}

/** The problems of a graph, worst first (byImpact). */
export function problemsOf(nodes: Iterable<GraphNode>, edges: Iterable<GraphEdge>, o: ProblemOptions): Problem[] {
  const g = graphOf(nodes, edges);
  const troubled = [...g.nodes.values()].filter((n) => inTrouble(n.status));
  const caused = new Set<string>();
  for (const n of troubled) for (const to of g.next.get(n.id) ?? []) if (to !== n.id) caused.add(to);
  // Causes first, then anything a circle left uncovered, storage before workloads before Services;
  // changed config last, its stale pods listed under it without being taken from another cause.
  const candidates = troubled
    .map((n) => n.id)
    .sort(
      (a, b) =>
        Number(isSource(g.nodes.get(a))) - Number(isSource(g.nodes.get(b))) ||
        Number(caused.has(a)) - Number(caused.has(b)) ||
        kindOrder(a) - kindOrder(b) ||
        a.localeCompare(b),
    );
  const covered = new Set<string>();
  const out: Problem[] = [];
  for (const id of candidates) {
    if (covered.has(id)) continue;
    const affected = reach(g, id);
    covered.add(id);
    if (!isSource(g.nodes.get(id))) for (const a of affected) covered.add(a);
    out.push(problem(g, id, affected, o));
  }
  for (const n of g.nodes.values()) {
    if (covered.has(n.id)) continue;
    for (const f of n.findings ?? []) {
      const about = INFORMATION[f.code];
      if (about)
        out.push(
          problem(
            g,
            n.id,
            about(f, n).filter((a) => g.nodes.has(a)),
            o,
            f,
          ),
        );
    }
  }
  return out.sort(byImpact);
}

function severityOf(h: Health): Severity {
  return h === 'error' ? 'error' : h === 'warning' ? 'warning' : 'info';
}

/** The finding that names a cause: a stuck rollout's, else the first listed one that counts. */
function causeFinding(n: GraphNode): { code: ProblemCode; finding?: Finding } {
  const [stuck] = stuckOrdinals(n);
  if (stuck) return { code: 'rollout.stuck', finding: stuck };
  const f = (n.findings ?? []).find((x) => isListed(x) && findingHealth(x) !== 'ok') ?? n.findings?.[0];
  return { code: f?.code ?? 'pod.notReady', finding: f };
}

function problem(g: Graph, cause: string, affected: string[], o: ProblemOptions, info?: Finding): Problem {
  const n = g.nodes.get(cause) as GraphNode;
  const { code, finding } = info ? { code: info.code, finding: info } : causeFinding(n);
  const all = [n, ...affected.map((a) => g.nodes.get(a)).filter((x): x is GraphNode => !!x)];
  const serving = all.filter((x) => (x.kind === 'Pod' || x.kind === 'Service') && x.status !== 'ok').length;
  const pods = new Set<string>();
  for (const x of all) {
    if (x.kind === 'Pod') pods.add(x.id);
    for (const p of [...(g.owns.get(x.id) ?? []), ...(g.selects.get(x.id) ?? [])]) pods.add(p);
  }
  const severity = info ? 'info' : severityOf(worstHealth(all.map((x) => x.status)));
  const id = `${code}:${cause}`;
  const counts = countKinds(affected);
  const params = {
    ...(finding?.params ?? {}),
    ...counts,
    kind: n.kind,
    name: n.name,
    ...(n.namespace ? { namespace: n.namespace } : {}),
  };
  return {
    id,
    code,
    severity,
    impact: impactOf(code, severity, serving),
    title: problemTitle(code, params, finding?.message ?? n.reason ?? ''),
    params,
    ...(finding ? { causeFinding: { code: finding.code, params: finding.params } } : {}),
    cause,
    affected: affected.sort(
      (a, b) =>
        NODE_KINDS[kindOf(a)].layer - NODE_KINDS[kindOf(b)].layer || kindOrder(a) - kindOrder(b) || a.localeCompare(b),
    ),
    serving,
    blastRadius: pods.size,
    since: new Date(o.firstSeen(id)).toISOString(),
  };
}

const kindOf = (id: string): NodeKind => parseNodeId(id)?.kind ?? 'Service';

function countKinds(ids: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) out[`affected${kindOf(id)}`] = (out[`affected${kindOf(id)}`] ?? 0) + 1;
  return out;
}

/** Drift is drift even when a stale pod is down for another reason (that reason is its own problem). */
function impactOf(code: ProblemCode, severity: Severity, serving: number): Impact {
  if (severity === 'info') return 'information';
  if (code === 'drift.staleConfig' || code === 'config.podsStale') return 'drift';
  if (serving > 0) return 'serving';
  if (code.startsWith('rollout.') || code.startsWith('scale.')) return 'rollout';
  return 'other';
}

/** The problems touching a namespace: caused or felt there (a cluster-wide cause reaching into it counts). */
export function inNamespace(problems: Problem[], namespace: string): Problem[] {
  const inNs = (id: string) => parseNodeId(id)?.namespace === namespace;
  return problems.filter((p) => inNs(p.cause) || p.affected.some(inNs));
}
