'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { parseNodeId, type NodeKind } from '@/lib/wire/kinds';
import { kindsParam, normalizeKinds, type TopologyScope } from '@/lib/wire/scope';
import type { DrawnTopology } from '@/lib/wire/group';
import type { PodDetail } from '@/lib/wire/pod';
import type { ProblemList } from '@/lib/wire/problems';
import type { StoragePage } from '@/lib/wire/storage';
import type { ClusterSummary } from '@/lib/wire/summary';
import type {
  ConfigHistoryView,
  DriftReport,
  ObjectDetail,
  ServiceDetail,
  StatefulSetDetail,
  Topology,
} from '@/lib/wire/topology';
import { useStreamManager } from './Providers';
import { INITIAL_CONNECTION, SUMMARY_KEY, topologyKey, type ConnectionState } from './stream';
import { getJson } from './fetch';

export { ApiError, getJson } from './fetch';

/**
 * The live topology of a scope: the stream's snapshot and changes, kept in the query cache.
 * `kinds` (a constant list) narrows it to the kinds a view draws (the server filters; edges
 * between them stay).
 */
export function useLiveTopology(namespace?: string, kinds?: readonly NodeKind[]) {
  const streams = useStreamManager();
  // Callers pass a constant list, so the scope changes only with the namespace.
  const scope = useMemo<TopologyScope>(() => ({ namespace, kinds: normalizeKinds(kinds) }), [namespace, kinds]);
  useEffect(() => streams.acquire(scope), [streams, scope]);
  return useQuery<Topology>({
    queryKey: topologyKey(scope),
    // The stream's snapshot fills the view; a plain fetch only when the stream cannot (its error shows).
    queryFn: async () =>
      (await streams.firstSnapshot(scope, 10_000)) ??
      getJson<Topology>(`/api/v1/topology${query({ namespace, kinds: kindsParam(kinds) })}`),
    staleTime: Infinity,
  });
}

/**
 * The topology view's graph: the scope as the server groups it (large StatefulSets collapsed
 * into counted groups; with `problems`, only what is not ok and its neighbours), live.
 */
export function useLiveDrawn(
  namespace: string | undefined,
  kinds: readonly NodeKind[] | undefined,
  problems: boolean,
  paused = false,
) {
  const streams = useStreamManager();
  const scope = useMemo(
    () => ({ namespace, kinds: normalizeKinds(kinds), problems, grouped: true as const }),
    [namespace, kinds, problems],
  );
  useEffect(() => (paused ? undefined : streams.acquire(scope)), [streams, scope, paused]);
  return useQuery<DrawnTopology>({
    queryKey: topologyKey(scope),
    queryFn: async () =>
      (await streams.firstSnapshot(scope, 10_000)) ??
      getJson<DrawnTopology>(
        `/api/v1/topology${query({ namespace, kinds: kindsParam(kinds), view: 'grouped', problems: problems ? 'true' : undefined })}`,
      ),
    staleTime: Infinity,
    enabled: !paused,
    // While a new filter's graph comes, the last one stays drawn (of the same namespace only).
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === (namespace ?? '*') ? prev : undefined),
  });
}

/** The topology view's graph as the history recorded it at `at` (a past never changes: fetched once per time). */
export function useDrawnAt(
  namespace: string | undefined,
  kinds: readonly NodeKind[] | undefined,
  problems: boolean,
  at: string | null,
) {
  return useQuery<DrawnTopology & { at: string }>({
    queryKey: ['topology-at', namespace ?? '*', kindsParam(kinds) ?? '', problems, at],
    queryFn: () =>
      getJson(
        `/api/v1/topology${query({ namespace, kinds: kindsParam(kinds), view: 'grouped', problems: problems ? 'true' : undefined, at: at ?? undefined })}`,
      ),
    enabled: at !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/**
 * A page of the storage chains (problems first), kept live by the summary stream: each change
 * anywhere refetches it (at most every 500 ms), a few hundred rows instead of every claim.
 */
export function useStorage(namespace: string | undefined, limit: number, select: string | null) {
  useLiveSummary();
  return useQuery<StoragePage>({
    queryKey: ['storage', namespace, limit, select],
    queryFn: () => getJson(`/api/v1/storage${query({ namespace, limit: String(limit), select: select ?? undefined })}`),
    // Showing more keeps the rows already drawn until the longer page arrives.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === namespace ? prev : undefined),
  });
}

/** The overview's summary, computed by the server and pushed again after each change. */
export function useLiveSummary() {
  const streams = useStreamManager();
  useEffect(() => streams.acquire('summary'), [streams]);
  return useQuery<ClusterSummary>({
    queryKey: SUMMARY_KEY,
    queryFn: async () => (await streams.firstSnapshot('summary', 10_000)) ?? getJson<ClusterSummary>('/api/v1/summary'),
    staleTime: Infinity,
  });
}

/** `?a=1&b=2` of the defined values, or nothing. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return q.size ? `?${q}` : '';
}

export function useConnection(): ConnectionState {
  const m = useStreamManager();
  // Hydration must start from what the server rendered, even if a stream already opened.
  return useSyncExternalStore(m.subscribe, m.snapshot, () => INITIAL_CONNECTION);
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export function useStatefulSet(ns: string, name: string) {
  return useQuery<StatefulSetDetail>({
    queryKey: ['statefulset', ns, name],
    queryFn: () => getJson(`/api/v1/statefulsets/${path(ns, name)}`),
  });
}

export function useService(ns: string, name: string) {
  return useQuery<ServiceDetail>({
    queryKey: ['service', ns, name],
    queryFn: () => getJson(`/api/v1/services/${path(ns, name)}`),
  });
}

/** Problems by root cause (all of them, ranked), refetched after changes like the other details. */
export function useProblems(namespace: string | undefined, enabled = true) {
  return useQuery<ProblemList>({
    queryKey: ['problems', namespace],
    queryFn: () => getJson(`/api/v1/problems${query({ namespace })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDrift(namespace?: string) {
  return useQuery<DriftReport>({
    queryKey: ['drift', namespace],
    queryFn: () => getJson(`/api/v1/drift${query({ namespace })}`),
  });
}

/** Details of one graph node, by its id (`Kind/ns/name` or `Kind/name`). */
export function useObject(id: string | null) {
  const ref = parseNodeId(id);
  return useQuery<ObjectDetail>({
    queryKey: ['object', ref?.namespace, id],
    queryFn: () =>
      getJson(`/api/v1/objects/${ref ? path(ref.kind, ...(ref.namespace ? [ref.namespace] : []), ref.name) : ''}`),
    enabled: !!ref,
  });
}

export function useConfigHistory(source: string | null) {
  const ref = parseNodeId(source);
  return useQuery<ConfigHistoryView>({
    queryKey: ['config', ref?.namespace, source],
    queryFn: () => getJson(`/api/v1/config/${ref ? path(ref.kind, ref.namespace ?? '', ref.name) : ''}`),
    enabled: !!ref,
  });
}

/** One pod one level deeper; asked again whenever its node in the live topology changes (`signature`). */
export function usePod(ns: string, name: string, signature: string) {
  return useQuery<PodDetail>({
    queryKey: ['pod', ns, name, signature],
    queryFn: () => getJson(`/api/v1/pods/${path(ns, name)}`),
    placeholderData: keepPreviousData,
  });
}

/** The cluster's namespaces (for pickers, and to say that a namespace in the URL does not exist). */
export function useNamespaces(): string[] | undefined {
  return useQuery<{ namespaces: string[] }>({
    queryKey: ['namespaces'],
    queryFn: () => getJson('/api/v1/namespaces'),
    staleTime: 10_000,
  }).data?.namespaces;
}
