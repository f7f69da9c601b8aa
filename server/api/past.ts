/**
 * The most objects rebuilt for one past view: every one is parsed and derived in this process,
 * and a 100k-pod cluster's 350,000 on top of its live cache would exhaust the heap.
 */

import 'server-only';
import type { RelatedChanges } from '@/lib/wire/history';
import type { TopologyScope } from '@/lib/wire/scope';
import type { HistoryReader } from '../audit/reader';
import { BadInput } from './http';
import { pastDiff, pastGraph, pastTopology, type PastAsk } from '../audit/travel';
import { offThread } from '../audit/offthread';
import type { Runtime } from '../runtime';
import type { Graph } from '../topology/graph';

export const MAX_PAST_OBJECTS = 150_000;

/** A past view's size checked before it is rebuilt: within what the history keeps, and small enough to rebuild. */
function checkPast(store: HistoryReader, at: string, namespace?: string): void {
  const floor = store.retainedFrom();
  if (floor && at < floor) throw new BadInput(`${at} is before the oldest time the history keeps (${floor})`);
  const size = store.objectCount(namespace);
  if (size > MAX_PAST_OBJECTS) {
    const scope = namespace ? `namespace ${namespace} (with the cluster-scoped objects)` : 'the whole cluster';
    throw new BadInput(
      `${scope} at a past time is ${size.toLocaleString('en')} objects, more than ${MAX_PAST_OBJECTS.toLocaleString('en')} rebuilt at once: choose a namespace`,
    );
  }
}

/** Inline (no worker): unchanged objects are taken from the live cache when it holds the same version. */
const liveOf = (rt: Runtime) => (rt.mode === 'live' ? rt.cache.stores : undefined);

/**
 * The graph as the history recorded the cluster at `at`, by the live derivations (revision 0: not a
 * live revision), rebuilt in the history worker (offthread.ts: one at a time, Busy beyond).
 */
export async function graphAt(
  rt: Runtime,
  store: HistoryReader,
  at: string,
  namespace?: string,
): Promise<Graph & { objects: number }> {
  checkPast(store, at, namespace);
  const job = { op: 'graphAt' as const, path: store.path, scope: store.scope, at, ...(namespace ? { namespace } : {}) };
  const bytes = await offThread(job, () => pastGraph(store, at, namespace, liveOf(rt)));
  return JSON.parse(new TextDecoder().decode(bytes)) as Graph & { objects: number };
}

/** `/api/v1/topology?at=`: the answer of today's route for that time, as JSON bytes made in the worker. */
export async function topologyAt(
  rt: Runtime,
  store: HistoryReader,
  at: string,
  scope: TopologyScope,
  grouped: { problems: boolean } | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  checkPast(store, at, scope.namespace);
  const ask: PastAsk = {
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
    ...(scope.kinds ? { kinds: scope.kinds } : {}),
    ...(grouped ? { grouped } : {}),
  };
  return offThread({ op: 'topologyAt', path: store.path, scope: store.scope, at, ask }, () =>
    pastTopology(store, at, ask, liveOf(rt)),
  );
}

/** `/api/v1/topology/diff`: what differs between two times, as JSON bytes made in the worker. */
export async function topologyDiffBetween(
  rt: Runtime,
  store: HistoryReader,
  from: string,
  to: string,
  namespace?: string,
): Promise<Uint8Array<ArrayBuffer>> {
  checkPast(store, from, namespace);
  checkPast(store, to, namespace);
  const job = {
    op: 'diff' as const,
    path: store.path,
    scope: store.scope,
    from,
    to,
    ...(namespace ? { namespace } : {}),
  };
  return offThread(job, () => pastDiff(store, from, to, namespace, liveOf(rt)));
}

/** How far back "what changed before this" looks. */
export const RELATED_WINDOW_MS = 60 * 60 * 1000;

/**
 * `/history/related`: the object and its topology neighbours at `at` (the live graph when
 * absent), with their recorded changes in the hour before, newest first.
 */
export async function relatedChanges(
  rt: Runtime,
  store: HistoryReader,
  ref: { kind: string; namespace?: string; name: string },
  at?: string,
): Promise<RelatedChanges> {
  const when = at ?? new Date().toISOString();
  const graph = at ? await graphAt(rt, store, at, ref.namespace) : rt.engine.snapshot(ref.namespace);
  const id = ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const neighbourIds = new Set(
    graph.edges.flatMap((e) => (e.source === id ? [e.target] : e.target === id ? [e.source] : [])),
  );
  const neighbours = [...neighbourIds].flatMap((n) => byId.get(n) ?? []);
  const since = new Date(Date.parse(when) - RELATED_WINDOW_MS).toISOString();
  const subjects = [
    { kind: ref.kind, namespace: ref.namespace, name: ref.name },
    ...neighbours.map((n) => ({ kind: n.kind, namespace: n.namespace, name: n.name })),
  ];
  const changes = subjects
    .flatMap(
      (o) =>
        store.query({ kind: o.kind, namespace: o.namespace, name: o.name, since, until: when, limit: 200 }).entries,
    )
    .sort((a, b) => b.id - a.id);
  return { at: when, since, object: byId.get(id) ?? null, neighbours, changes };
}
