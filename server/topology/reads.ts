import { nodeId, type GraphNode } from '@/lib/wire/topology';
import { NODE_KINDS, type NodeKind } from '@/lib/wire/kinds';
import type { StoreChange } from '../cache/store';
import type { KEvent } from '../cache/types';
import type { WatchedKind } from '../kube/kinds';

/**
 * What the graph's derivations read of each watched kind, so a change of it rebuilds only where it
 * can show: `always` — the kind's objects are nodes or decide nodes; `involved` — an Event is read
 * only as the "why" of a node that is not ok (a pod not Ready, a claim Pending: pods.ts
 * `latestWarning`, storage.ts), so it matters only while its object's node is unhealthy; `never`
 * — no node reads it (ControllerRevisions: the pod page's rollout diff reads them when asked).
 */
export const GRAPH_READS: Record<WatchedKind, 'always' | 'involved' | 'never'> = {
  StatefulSet: 'always',
  Pod: 'always',
  PersistentVolumeClaim: 'always',
  PersistentVolume: 'always',
  StorageClass: 'always',
  ConfigMap: 'always',
  Secret: 'always',
  Service: 'always',
  EndpointSlice: 'always',
  ControllerRevision: 'never',
  Event: 'involved',
};

/**
 * Whether a store change can change the graph, given how its namespace's part draws the nodes now
 * (`drawn`: a node by id). An Event counts only when the object it is about is drawn and not ok.
 */
export function changeShows(c: StoreChange, drawn: (id: string) => GraphNode | undefined): boolean {
  const reads = GRAPH_READS[c.kind as WatchedKind] ?? 'always';
  if (reads !== 'involved') return reads === 'always';
  for (const e of [c.obj, c.old] as Array<KEvent | undefined>) {
    const about = e?.involvedObject;
    if (!about?.kind || !about.name || !(about.kind in NODE_KINDS)) continue;
    const node = drawn(nodeId(about.kind as NodeKind, about.namespace, about.name));
    if (node && node.status !== 'ok') return true;
  }
  return false;
}
