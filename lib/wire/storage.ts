/**
 * The storage page's rows, computed by the server: claim → volume → class chains, problems
 * first, and the volumes no claim holds. A page of them goes to the browser, not every claim
 * and volume of the cluster (at 20,000 pods those are 23 MB of JSON).
 */

import type { NodeKind } from './kinds';
import { byId, nodesOf, type NodeOf, type Topology } from './topology';

export const STORAGE_KINDS: NodeKind[] = ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'];

export interface StorageRow {
  claim: NodeOf<'PersistentVolumeClaim'>;
  volume?: NodeOf<'PersistentVolume'>;
  cls?: NodeOf<'StorageClass'>;
}

export interface StorageChains {
  rows: StorageRow[];
  loose: NodeOf<'PersistentVolume'>[];
}

export interface StoragePage {
  revision: number;
  /** The first `limit` rows (problems first), plus the selected one when it lies further. */
  rows: StorageRow[];
  totalRows: number;
  /** Volumes without a claim, the first `limit` (Released ones first). */
  loose: NodeOf<'PersistentVolume'>[];
  totalLoose: number;
}

const notOkFirst = (a: { status: string; id: string }, b: { status: string; id: string }) =>
  (a.status === 'ok' ? 1 : 0) - (b.status === 'ok' ? 1 : 0) || byId(a, b);

/** Every chain of a topology holding (at least) the storage kinds. */
export function storageChains(t: Topology): StorageChains {
  const volumes = new Map(nodesOf(t.nodes, 'PersistentVolume').map((n) => [n.id, n]));
  const classes = new Map(nodesOf(t.nodes, 'StorageClass').map((n) => [n.id, n]));
  const bound = new Map<string, string>();
  const classOf = new Map<string, string>();
  for (const e of t.edges) {
    if (e.kind === 'binds') bound.set(e.source, e.target);
    if (e.kind === 'provisions') classOf.set(e.target, e.source);
  }
  const rows: StorageRow[] = nodesOf(t.nodes, 'PersistentVolumeClaim')
    .map((claim) => {
      const volume = volumes.get(bound.get(claim.id) ?? '');
      const cls = classes.get(classOf.get(volume?.id ?? '') ?? classOf.get(claim.id) ?? '');
      return { claim, volume, cls };
    })
    .sort((a, b) => notOkFirst(a.claim, b.claim));
  const used = new Set(rows.map((r) => r.volume?.id));
  const loose = [...volumes.values()].filter((n) => !used.has(n.id)).sort(notOkFirst);
  return { rows, loose };
}

/** A page of the chains: the first `limit` of each list, and the row or volume `select` names wherever it lies. */
export function storagePage(revision: number, c: StorageChains, limit: number, select?: string): StoragePage {
  const isSelected = (r: StorageRow) =>
    select !== undefined && (r.claim.id === select || r.volume?.id === select || r.cls?.id === select);
  const rows = c.rows.slice(0, limit);
  const extra = select && !rows.some(isSelected) ? c.rows.slice(limit).find(isSelected) : undefined;
  const loose = c.loose.slice(0, limit);
  const extraLoose =
    select && !loose.some((v) => v.id === select) ? c.loose.slice(limit).find((v) => v.id === select) : undefined;
  return {
    revision,
    rows: extra ? [...rows, extra] : rows,
    totalRows: c.rows.length,
    loose: extraLoose ? [...loose, extraLoose] : loose,
    totalLoose: c.loose.length,
  };
}
