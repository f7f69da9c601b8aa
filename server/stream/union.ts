import type { GraphEdge, GraphNode, TopologyChange } from '@/lib/wire/topology';
import { MultiMap } from '../cache/multimap';
import { sameJson } from '../topology/samejson';

/**
 * The cluster view as the union of the engine's parts: a node or edge several parts hold
 * (a volume, a class reached from two namespaces) is in it once, counted by the parts that
 * hold it, and leaves when the last one drops it. Applying a part's change yields the union's.
 */
export class GraphUnion {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  private readonly nodeRefs = new MultiMap<string, string>();
  private readonly edgeRefs = new MultiMap<string, string>();

  /** Applies one part's upserts and removals; what changed in the union is appended to `out`. */
  apply(part: string, c: TopologyChange, out: TopologyChange): void {
    merge(part, this.nodeRefs, this.nodes, c.upsertNodes, c.removeNodes, out.upsertNodes, out.removeNodes);
    merge(part, this.edgeRefs, this.edges, c.upsertEdges, c.removeEdges, out.upsertEdges, out.removeEdges);
  }
}

function merge<T extends { id: string }>(
  part: string,
  refs: MultiMap<string, string>,
  items: Map<string, T>,
  upserts: T[],
  removes: string[],
  outUpserts: T[],
  outRemoves: string[],
): void {
  for (const item of upserts) {
    refs.add(item.id, part);
    if (!sameJson(items.get(item.id), item)) {
      items.set(item.id, item);
      outUpserts.push(item);
    }
  }
  for (const id of removes) {
    if (refs.delete(id, part)) {
      items.delete(id);
      outRemoves.push(id);
    }
  }
}
