'use client';

import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  HistoryPage,
  HistoryStatus,
  HistoryStatusFilter,
  HistoryTimeline,
  ObjectRevisions,
  RelatedChanges,
  RevisionDiff,
} from '@/lib/wire/history';
import { getJson, query } from './hooks';

/** The history's filters as the URL holds them (every one optional). */
export interface HistoryFilter {
  namespace?: string;
  kind?: string;
  q?: string;
  since?: string;
  until?: string;
  status?: HistoryStatusFilter;
}

/** New changes arrive while the page is open: the history is asked again this often. */
const REFRESH_MS = 5_000;

export function historyQuery(f: HistoryFilter, extra: Record<string, string | undefined> = {}): string {
  return query({
    namespace: f.namespace,
    kind: f.kind,
    q: f.q,
    status: f.status,
    since: f.since,
    until: f.until,
    ...extra,
  });
}

/** Changes matching the filter, newest first, a page of 100 at a time (`fetchNextPage` for older ones). */
export function useHistoryEntries(f: HistoryFilter) {
  return useInfiniteQuery({
    queryKey: ['history', 'entries', f],
    queryFn: ({ pageParam }) =>
      getJson<HistoryPage>(`/api/v1/history${historyQuery(f, { limit: '100', cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useHistoryTimeline(f: HistoryFilter, buckets: number) {
  return useQuery<HistoryTimeline>({
    queryKey: ['history', 'timeline', f, buckets],
    queryFn: () => getJson(`/api/v1/history/timeline${historyQuery(f, { buckets: String(buckets) })}`),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** `Kind/namespace/name` (or `Kind/name`) → the object route's path. */
export function objectPath(ref: string): string | undefined {
  const parts = ref.split('/');
  if (parts.length === 2) return `${encodeURIComponent(parts[0])}/_/${encodeURIComponent(parts[1])}`;
  if (parts.length === 3) return parts.map(encodeURIComponent).join('/');
  return undefined;
}

export function useRevisions(ref: string | null) {
  const path = ref ? objectPath(ref) : undefined;
  return useQuery<ObjectRevisions>({
    queryKey: ['history', 'object', ref],
    queryFn: () => getJson(`/api/v1/history/object/${path}`),
    enabled: !!path,
    refetchInterval: REFRESH_MS,
  });
}

/** Two revisions of an object and the patch between them (revisions never change: fetched once). */
export function useRevisionDiff(ref: string | null, from: number | undefined, to: number | undefined) {
  const path = ref ? objectPath(ref) : undefined;
  return useQuery<RevisionDiff>({
    queryKey: ['history', 'diff', ref, from, to],
    queryFn: () =>
      getJson(
        `/api/v1/history/object/${path}${query({ from: String(from), to: to === undefined ? undefined : String(to) })}`,
      ),
    enabled: !!path && from !== undefined,
    staleTime: Infinity,
  });
}

/** "What changed before this": the object's and its neighbours' changes in the hour before now (or `at`). */
export function useRelated(ref: string | null, at: string | null = null) {
  const path = ref ? objectPath(ref) : undefined;
  return useQuery<RelatedChanges>({
    queryKey: ['history', 'related', ref, at],
    queryFn: () => getJson(`/api/v1/history/related/${path}${query({ at: at ?? undefined })}`),
    enabled: !!path,
    refetchInterval: at ? false : REFRESH_MS,
  });
}

/** Whether the history records, or is a file handed over (and then, for a bundle, its verdict). */
export function useHistoryStatus() {
  return useQuery<HistoryStatus>({
    queryKey: ['history', 'status'],
    queryFn: () => getJson('/api/v1/history/status'),
    staleTime: 60_000,
  });
}
