import { isEmptyChange as isEmpty } from '@/lib/wire/apply';
import { filterGraph } from '@/lib/wire/filter';
import {
  groupLarge,
  GROUP_LIMITS,
  type DrawnChange,
  type DrawnNode,
  type DrawnTopology,
  type GroupedScope,
} from '@/lib/wire/group';
import type { NodeKind } from '@/lib/wire/kinds';
import { scopeKey } from '@/lib/wire/scope';
import type { GraphEdge, Topology, TopologyChange } from '@/lib/wire/topology';
import { sameJson } from '../topology/samejson';

export interface GroupedSource {
  snapshot(namespace?: string, kinds?: NodeKind[]): Topology;
  /** Subscribes to changes; the callback gets, per change, whether it touched `namespace` (the cluster when undefined). */
  onChange(fn: (e: { cluster: TopologyChange; namespaces: Map<string, TopologyChange> }) => void): () => void;
}

interface View {
  scope: GroupedScope;
  current: DrawnTopology;
  json?: Uint8Array<ArrayBuffer>;
  nodes: Map<string, DrawnNode>;
  edges: Map<string, GraphEdge>;
  listeners: Set<(c: DrawnChange) => void>;
  timer?: NodeJS.Timeout;
  lastAt: number;
  off: () => void;
}

/**
 * The graphs the topology view draws, grouped on the server: a 20,000-pod cluster is 70,000
 * nodes and 180,000 edges (50 MB of JSON) but, with its StatefulSets' pods, claims and volumes
 * collapsed into counted groups, about 10,000 nodes. One view per scope, shared by its
 * viewers: regrouped from the engine's snapshot at most every `intervalMs` while changes
 * come (grouping the whole cluster is a whole-graph pass), diffed against the last grouping,
 * and each change handed to every viewer of the scope. A view nobody holds is dropped.
 */
export class GroupedViews {
  private readonly views = new Map<string, View>();

  constructor(
    private readonly src: GroupedSource,
    private readonly opts: { intervalMs?: number } = {},
  ) {}

  /**
   * The scope's drawn graph as JSON bytes: a held view's current grouping (the one its next
   * change starts from; a newer one is at most `intervalMs` away), else a fresh grouping.
   */
  snapshotBytes(scope: GroupedScope): { revision: number; json: Uint8Array<ArrayBuffer> } {
    const v = this.views.get(groupedKey(scope));
    if (v) {
      v.json ??= Buffer.from(JSON.stringify(v.current));
      return { revision: v.current.revision, json: v.json };
    }
    const t = this.group(scope);
    return { revision: t.revision, json: Buffer.from(JSON.stringify(t)) };
  }

  /**
   * Changes of the scope's drawn graph, from the grouping the subscriber starts at (its
   * snapshot, taken right after subscribing, is `snapshotBytes(scope)`).
   */
  subscribe(scope: GroupedScope, fn: (c: DrawnChange) => void): () => void {
    const key = groupedKey(scope);
    const v = this.views.get(key) ?? this.open(key, scope);
    v.listeners.add(fn);
    return () => {
      v.listeners.delete(fn);
      if (v.listeners.size > 0) return;
      v.off();
      clearTimeout(v.timer);
      this.views.delete(key);
    };
  }

  private open(key: string, scope: GroupedScope): View {
    const current = this.group(scope);
    const v: View = {
      scope,
      current,
      nodes: new Map(current.nodes.map((n) => [n.id, n])),
      edges: new Map(current.edges.map((e) => [e.id, e])),
      listeners: new Set(),
      lastAt: Date.now(),
      off: () => undefined,
    };
    v.off = this.src.onChange((e) => {
      const touched = scope.namespace === undefined ? !isEmpty(e.cluster) : e.namespaces.has(scope.namespace);
      if (touched) this.schedule(v);
    });
    this.views.set(key, v);
    return v;
  }

  private schedule(v: View): void {
    if (v.timer) return;
    const wait = Math.max(0, (this.opts.intervalMs ?? 1000) - (Date.now() - v.lastAt));
    v.timer = setTimeout(() => {
      v.timer = undefined;
      v.lastAt = Date.now();
      this.regroup(v);
    }, wait);
  }

  private regroup(v: View): void {
    const next = this.group(v.scope);
    const c: DrawnChange = {
      revision: next.revision,
      upsertNodes: [],
      removeNodes: [],
      upsertEdges: [],
      removeEdges: [],
      grouped: next.grouped,
    };
    const nodes = new Map(next.nodes.map((n) => [n.id, n]));
    const edges = new Map(next.edges.map((e) => [e.id, e]));
    for (const [id, n] of nodes) if (!sameJson(v.nodes.get(id), n)) c.upsertNodes.push(n);
    for (const id of v.nodes.keys()) if (!nodes.has(id)) c.removeNodes.push(id);
    for (const [id, e] of edges) if (!sameJson(v.edges.get(id), e)) c.upsertEdges.push(e);
    for (const id of v.edges.keys()) if (!edges.has(id)) c.removeEdges.push(id);
    Object.assign(v, { current: next, nodes, edges, json: undefined });
    if (isEmpty(c)) return;
    for (const fn of v.listeners) fn(c);
  }

  /** The last grouping made, reused while the engine's snapshot is the same (a viewer's snapshot, then its view). */
  private last?: { key: string; source: Topology; drawn: DrawnTopology };

  private group(scope: GroupedScope): DrawnTopology {
    const t = this.src.snapshot(scope.namespace, scope.kinds);
    const key = groupedKey(scope);
    if (this.last?.key === key && this.last.source === t) return this.last.drawn;
    const drawn = this.groupNow(t, scope);
    this.last = { key, source: t, drawn };
    return drawn;
  }

  private groupNow(t: Topology, scope: GroupedScope): DrawnTopology {
    // Problems are chosen before grouping, so a few failing pods of a big set are drawn one by one.
    const g = scope.problems ? filterGraph(t, { problemsOnly: true }) : t;
    const d = groupLarge(g.nodes, g.edges, GROUP_LIMITS);
    return { revision: t.revision, nodes: d.nodes, edges: d.edges, grouped: d.grouped };
  }
}

const groupedKey = (s: GroupedScope) => `${scopeKey(s)}|${s.problems ? 'problems' : ''}`;
