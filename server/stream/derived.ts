import type { NodeKind } from '@/lib/wire/kinds';
import type { Problem } from '@/lib/wire/problems';
import { filterTopology, scopeKey } from '@/lib/wire/scope';
import { storageChains, storagePage, STORAGE_KINDS, type StorageChains, type StoragePage } from '@/lib/wire/storage';
import { summarize, type ClusterSummary } from '@/lib/wire/summary';
import { byId, type GraphEdge, type GraphNode, type Topology } from '@/lib/wire/topology';
import { problemsOf } from '../topology/problems';

/** What the derived views read of the engine: its revision, the union, and one namespace's part. */
export interface DerivedSource {
  revision(): number;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: ReadonlyMap<string, GraphEdge>;
  part(namespace: string): { nodes: ReadonlyMap<string, GraphNode>; edges: ReadonlyMap<string, GraphEdge> } | undefined;
}

/**
 * What is made of the graph per revision and shared by every reader until the next: snapshots
 * per scope (and their JSON), problems by root cause (with when each was first seen), the
 * overview's summary, storage chains. Each is computed on first ask at a revision.
 */
export class DerivedViews {
  /** The last snapshot of each scope and its JSON, reused until the revision moves: viewers joining together share one. */
  private readonly snapshots = new Map<
    string,
    { revision: number; topology: Topology; json?: Uint8Array<ArrayBuffer> }
  >();
  private readonly chains = new WeakMap<Topology, StorageChains>();
  private summaryCache?: { summary: ClusterSummary; json: Uint8Array<ArrayBuffer> };
  private problemsCache?: { revision: number; problems: Problem[] };
  /** When each standing problem was first seen (ms), so `since` holds across revisions; gone ones are forgotten. */
  private readonly problemSince = new Map<string, number>();

  constructor(private readonly src: DerivedSource) {}

  cached(
    namespace?: string,
    kinds?: NodeKind[],
  ): { revision: number; topology: Topology; json?: Uint8Array<ArrayBuffer> } {
    const revision = this.src.revision();
    const key = scopeKey({ namespace, kinds });
    const hit = this.snapshots.get(key);
    if (hit?.revision === revision) return hit;
    const entry = { revision, topology: this.sortedPart(namespace, kinds) };
    // Scopes not asked for since the last change are dropped rather than kept stale.
    for (const [k, v] of this.snapshots) if (v.revision !== revision) this.snapshots.delete(k);
    this.snapshots.set(key, entry);
    return entry;
  }

  problems(): { revision: number; problems: Problem[] } {
    const revision = this.src.revision();
    if (this.problemsCache?.revision !== revision) {
      const now = Date.now();
      const problems = problemsOf(this.src.nodes.values(), this.src.edges.values(), {
        firstSeen: (id) => this.problemSince.get(id) ?? this.problemSince.set(id, now).get(id) ?? now,
      });
      const standing = new Set(problems.map((p) => p.id));
      for (const id of this.problemSince.keys()) if (!standing.has(id)) this.problemSince.delete(id);
      this.problemsCache = { revision, problems };
    }
    return this.problemsCache;
  }

  summary(): { summary: ClusterSummary; json: Uint8Array<ArrayBuffer> } {
    const revision = this.src.revision();
    if (this.summaryCache?.summary.revision !== revision) {
      const summary = summarize(revision, this.src.nodes.values(), this.src.edges.values(), this.problems().problems);
      this.summaryCache = { summary, json: Buffer.from(JSON.stringify(summary)) };
    }
    return this.summaryCache;
  }

  storagePage(namespace: string | undefined, limit: number, select?: string): StoragePage {
    const t = this.cached(namespace, STORAGE_KINDS).topology;
    let c = this.chains.get(t);
    if (!c) this.chains.set(t, (c = storageChains(t)));
    return storagePage(t.revision, c, limit, select);
  }

  /** Filtered before sorting: a list page's few kinds are a fraction of the cluster. */
  private sortedPart(namespace?: string, kinds?: NodeKind[]): Topology {
    const revision = this.src.revision();
    const p = namespace !== undefined ? this.src.part(namespace) : { nodes: this.src.nodes, edges: this.src.edges };
    const t = filterTopology(
      { revision, nodes: [...(p?.nodes.values() ?? [])], edges: [...(p?.edges.values() ?? [])] },
      kinds,
    );
    return { revision, nodes: sorted(t.nodes), edges: sorted(t.edges) };
  }
}

function sorted<T extends { id: string }>(items: T[]): T[] {
  return items.sort(byId);
}
