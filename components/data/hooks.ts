'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { parseNodeId } from '@/lib/wire/kinds';
import type { ConfigHistoryView, DriftReport, ObjectDetail, ServiceDetail, StatefulSetDetail, Topology } from '@/lib/wire/topology';
import { useStreamManager } from './Providers';
import { INITIAL_CONNECTION, topologyKey, type ConnectionState } from './stream';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? String(res.status), body.error?.message ?? res.statusText);
  return body as T;
}

/** The live topology of a scope: the stream's snapshot and changes, kept in the query cache. */
export function useLiveTopology(namespace?: string) {
  const streams = useStreamManager();
  useEffect(() => streams.acquire(namespace), [streams, namespace]);
  return useQuery<Topology>({
    queryKey: topologyKey(namespace),
    // The stream's snapshot fills the view; a plain fetch only when the stream cannot (its error shows).
    queryFn: async () => (await streams.firstSnapshot(namespace, 10_000)) ?? getJson<Topology>(`/api/v1/topology${namespace ? `?namespace=${encodeURIComponent(namespace)}` : ''}`),
    staleTime: Infinity,
  });
}

export function useConnection(): ConnectionState {
  const m = useStreamManager();
  // Hydration must start from what the server rendered, even if a stream already opened.
  return useSyncExternalStore(m.subscribe, m.snapshot, () => INITIAL_CONNECTION);
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export function useStatefulSet(ns: string, name: string) {
  return useQuery<StatefulSetDetail>({ queryKey: ['statefulset', ns, name], queryFn: () => getJson(`/api/v1/statefulsets/${path(ns, name)}`) });
}

export function useService(ns: string, name: string) {
  return useQuery<ServiceDetail>({ queryKey: ['service', ns, name], queryFn: () => getJson(`/api/v1/services/${path(ns, name)}`) });
}

export function useDrift(namespace?: string) {
  return useQuery<DriftReport>({ queryKey: ['drift', namespace], queryFn: () => getJson(`/api/v1/drift${namespace ? `?namespace=${encodeURIComponent(namespace)}` : ''}`) });
}

/** Details of one graph node, by its id (`Kind/ns/name` or `Kind/name`). */
export function useObject(id: string | null) {
  const ref = parseNodeId(id);
  return useQuery<ObjectDetail>({
    queryKey: ['object', ref?.namespace, id],
    queryFn: () => getJson(`/api/v1/objects/${ref ? path(ref.kind, ...(ref.namespace ? [ref.namespace] : []), ref.name) : ''}`),
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
