/**
 * What one object contributes to a part of the graph: its node (none when the object is gone),
 * the edges it derives (the relation table's side it owns), and the cluster-scoped nodes it
 * reaches (a claim: its volume and class), which the part then holds while anything reaches them.
 */

import type { GraphEdge, GraphNode, TopologyChange } from '@/lib/wire/topology';
import { MultiMap } from '../cache/multimap';
import { sameJson } from './samejson';

export interface Entry {
  node?: GraphNode;
  edges: GraphEdge[];
  reaches: string[];
}

/** How an entry's reaches moved: ids now held by someone (first time) and ids no one holds any more. */
export interface ReachChange {
  held: string[];
  released: string[];
}

/**
 * One part of the graph (a namespace with the volumes and classes it reaches, or the
 * cluster-scoped rest) kept entry by entry: setting an entry updates its node, its edges, and
 * the edges of others that start or end at it — an edge shows while both its ends are nodes of
 * the part. What changed since the last `takeChange` is remembered as the values before, so a
 * change event says exactly what differs, however many times an id was touched meanwhile.
 */
export class GraphPart {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  private readonly entries = new Map<string, Entry>();
  /** Derived edges by id, with the entry that derives each (two claims may derive one class → volume edge). */
  private readonly derived = new MultiMap<string, { owner: string; edge: GraphEdge }>();
  /** Derived edge ids by the node ids they touch, so a node's arrival or leaving rechecks them. */
  private readonly edgesAt = new MultiMap<string, string>();
  private readonly heldBy = new MultiMap<string, string>();
  private readonly nodesBefore = new Map<string, GraphNode | undefined>();
  private readonly edgesBefore = new Map<string, GraphEdge | undefined>();

  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** Whether an entry reached by others (a volume, a class) is still held by one. */
  held(id: string): boolean {
    return this.heldBy.count(id) > 0;
  }

  /** Sets (or, with undefined, removes) one entry; says which reached entries came or went. */
  set(id: string, entry: Entry | undefined): ReachChange {
    const old = this.entries.get(id);
    if (entry) this.entries.set(id, entry);
    else this.entries.delete(id);
    this.putNode(id, entry?.node);
    // Mostly an entry derives the edges it derived before: nothing to recheck.
    if (!sameEdges(old?.edges ?? [], entry?.edges ?? [])) this.putEdges(id, old?.edges ?? [], entry?.edges ?? []);
    return this.putReaches(id, old?.reaches ?? [], entry?.reaches ?? []);
  }

  /** What changed since the last call, as a change of `revision`; forgets it. */
  takeChange(revision: number): TopologyChange {
    const c: TopologyChange = { revision, upsertNodes: [], removeNodes: [], upsertEdges: [], removeEdges: [] };
    for (const [id, before] of this.nodesBefore) {
      const now = this.nodes.get(id);
      if (!now) {
        if (before) c.removeNodes.push(id);
      } else if (!sameJson(before, now)) c.upsertNodes.push(now);
    }
    for (const [id, before] of this.edgesBefore) {
      const now = this.edges.get(id);
      if (!now) {
        if (before) c.removeEdges.push(id);
      } else if (!sameJson(before, now)) c.upsertEdges.push(now);
    }
    this.nodesBefore.clear();
    this.edgesBefore.clear();
    return c;
  }

  private putNode(id: string, node: GraphNode | undefined): void {
    const had = this.nodes.get(id);
    if (had === node) return;
    if (!this.nodesBefore.has(id)) this.nodesBefore.set(id, had);
    if (node) this.nodes.set(id, node);
    else this.nodes.delete(id);
    // An end arrived or left: the edges at it show or hide.
    if (!had !== !node) for (const e of this.edgesAt.get(id)) this.showEdge(e);
  }

  private putEdges(owner: string, old: GraphEdge[], next: GraphEdge[]): void {
    const nextIds = new Set(next.map((e) => e.id));
    for (const e of old) {
      if (nextIds.has(e.id)) continue;
      if (this.derived.deleteWhere(e.id, (d) => d.owner === owner))
        for (const end of [e.source, e.target]) this.edgesAt.delete(end, e.id);
      this.showEdge(e.id);
    }
    for (const e of next) {
      // This owner's edge replaces what it derived before, in its place among the owners.
      let mine: { owner: string; edge: GraphEdge } | undefined;
      for (const d of this.derived.get(e.id)) if (d.owner === owner) mine = d;
      if (mine) mine.edge = e;
      else if (this.derived.add(e.id, { owner, edge: e }))
        for (const end of [e.source, e.target]) this.edgesAt.add(end, e.id);
      this.showEdge(e.id);
    }
  }

  /** Shows a derived edge while both its ends are nodes here, hides it otherwise. */
  private showEdge(id: string): void {
    let edge: GraphEdge | undefined;
    for (const d of this.derived.get(id)) edge ??= d.edge;
    const shown = edge && this.nodes.has(edge.source) && this.nodes.has(edge.target) ? edge : undefined;
    const had = this.edges.get(id);
    if (had === shown) return;
    if (!this.edgesBefore.has(id)) this.edgesBefore.set(id, had);
    if (shown) this.edges.set(id, shown);
    else this.edges.delete(id);
  }

  private putReaches(owner: string, old: string[], next: string[]): ReachChange {
    const out: ReachChange = { held: [], released: [] };
    for (const id of old) {
      if (next.includes(id)) continue;
      if (this.heldBy.count(id) && this.heldBy.delete(id, owner)) out.released.push(id);
    }
    for (const id of next) if (this.heldBy.add(id, owner)) out.held.push(id);
    return out;
  }
}

const sameEdges = (a: GraphEdge[], b: GraphEdge[]): boolean =>
  a.length === b.length && a.every((e, i) => sameJson(e, b[i]));
