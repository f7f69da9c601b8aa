import 'server-only';
import { HISTORY_STATUS_FILTERS, type HistoryStatusFilter } from '@/lib/wire/history';
import { isNamespaceName, isObjectName } from '@/lib/names';
import { exportText, type ExportFileFormat } from '../audit/export';
import type { HistoryQuery } from '../audit/reads';
import type { HistoryReader } from '../audit/reader';
import { isWatchedKind } from '../kube/kinds';
import type { Runtime } from '../runtime';
import { BadInput, error, queryParams } from './http';

/** The history routes' parameters, validated like the rest: a bad one is a 400 naming it. */
export const HISTORY_PARAMS = [
  'namespace',
  'status',
  'kind',
  'name',
  'uid',
  'since',
  'until',
  'q',
  'limit',
  'cursor',
  'format',
  'order',
] as const;
export type ExportFormat = 'json' | 'csv' | 'jsonl' | 'bundle';
const FORMATS: readonly ExportFormat[] = ['json', 'csv', 'jsonl', 'bundle'];
const MAX_LIMIT = 1000;

/** An RFC 3339 time as the store compares it (UTC, milliseconds); throws BadInput otherwise. */
export function timeParam(name: string, raw: string): string {
  const t = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw new BadInput(`${name} must be a time such as 2026-11-29T10:00:00Z`);
  return new Date(t).toISOString();
}

export function parseHistoryQuery(url: string): HistoryQuery & { format: ExportFormat } {
  const p = queryParams(url, HISTORY_PARAMS);
  const get = (k: string) => p.get(k) ?? undefined;
  const namespace = get('namespace');
  if (namespace !== undefined && !isNamespaceName(namespace))
    throw new BadInput('namespace must be a valid Kubernetes namespace name');
  const kind = get('kind');
  if (kind !== undefined && !isWatchedKind(kind))
    throw new BadInput('kind must be a watched kind such as StatefulSet, Pod or ConfigMap');
  const name = get('name');
  if (name !== undefined && !isObjectName(name)) throw new BadInput('name must be a valid Kubernetes object name');
  const uid = get('uid');
  if (uid !== undefined && !/^[0-9A-Za-z-]{1,64}$/.test(uid)) throw new BadInput('uid must be an object uid');
  const q = get('q');
  if (q !== undefined && q.length > 200) throw new BadInput('q must be at most 200 characters');
  const rawLimit = get('limit') ?? '100';
  if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT)
    throw new BadInput(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const cursor = get('cursor');
  if (cursor !== undefined && !/^\d{1,15}$/.test(cursor))
    throw new BadInput('cursor must be the next value of a previous page');
  const format = (get('format') ?? 'json') as ExportFormat;
  if (!FORMATS.includes(format)) throw new BadInput('format must be json, csv, jsonl or bundle');
  const status = get('status') as HistoryStatusFilter | undefined;
  if (status !== undefined && !HISTORY_STATUS_FILTERS.includes(status))
    throw new BadInput(`status must be one of ${HISTORY_STATUS_FILTERS.join(', ')}`);
  const narrowing = ['name', 'uid', 'q', 'status', 'cursor'].filter((k) => p.has(k));
  if (format === 'bundle' && narrowing.length)
    throw new BadInput(
      `an audit bundle is scoped by namespace, kind, since and until only, not ${narrowing.join(', ')}`,
    );
  const order = get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw new BadInput('order must be asc (oldest first) or desc (newest first)');
  const since = get('since');
  const until = get('until');
  return {
    namespace,
    kind,
    name,
    uid,
    q: q || undefined,
    ...(status ? { status } : {}),
    limit: Number(rawLimit),
    format,
    order,
    ...(since ? { since: timeParam('since', since) } : {}),
    ...(until ? { until: timeParam('until', until) } : {}),
    ...(cursor ? { before: Number(cursor) } : {}),
  };
}

const MAX_BUCKETS = 500;

/** The timeline's window and bucket count: `since` defaults to the oldest entry (else a day ago), `until` to now. */
export function timelineParams(
  url: string,
  store: HistoryReader,
): { q: HistoryQuery; from: string; to: string; buckets: number } {
  const withBuckets = new URL(url);
  const raw = withBuckets.searchParams.get('buckets') ?? '120';
  withBuckets.searchParams.delete('buckets');
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_BUCKETS)
    throw new BadInput(`buckets must be a whole number from 1 to ${MAX_BUCKETS}`);
  const q = parseHistoryQuery(withBuckets.toString());
  if (q.format !== 'json' || q.before !== undefined || q.order !== 'desc')
    throw new BadInput('the timeline takes no format, cursor or order');
  const to = q.until ?? new Date().toISOString();
  const from = q.since ?? store.stats().oldest ?? new Date(Date.parse(to) - 86_400_000).toISOString();
  if (from >= to) throw new BadInput('since must be before until');
  return { q, from, to, buckets: Number(raw) };
}

/** The store, or the answer saying why there is none. */
export function historyStore(rt: Runtime): HistoryReader | Response {
  if (rt.history.on) return rt.history.reader;
  // Not a failure of the server: this deployment keeps no history (a setting, or the file taken).
  return error(404, 'HistoryOff', `the change history is off: ${rt.history.reason}`);
}

const EXPORT_TYPES: Record<ExportFileFormat, { type: string; file: string }> = {
  csv: { type: 'text/csv; charset=utf-8; header=present', file: 'ordinal-history.csv' },
  jsonl: { type: 'application/jsonl; charset=utf-8', file: 'ordinal-history.jsonl' },
  bundle: { type: 'application/jsonl; charset=utf-8', file: 'ordinal-audit-bundle.jsonl' },
};

/** A whole query as CSV, JSON Lines or an audit bundle, oldest first, streamed as the client takes it. */
export function exportResponse(store: HistoryReader, q: HistoryQuery, format: ExportFileFormat): Response {
  const { type, file } = EXPORT_TYPES[format];
  return streamText(exportText(store, q, format), type, file);
}

/** Text pieces streamed as the client reads, 500 at a time: memory stays flat however many. */
function streamText(pieces: Iterator<string>, type: string, filename: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = '';
      for (let i = 0; i < 500; i++) {
        const next = pieces.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Response(body, {
    headers: {
      'content-type': type,
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
}

/** `{kind}/{namespace}/{name}` of the object routes; `_` is the namespace of a cluster-scoped object. */
export function historyObjectRef(
  kind: string,
  ns: string,
  name: string,
): { kind: string; namespace?: string; name: string } {
  if (!isWatchedKind(kind)) throw new BadInput('kind must be a watched kind such as StatefulSet, Pod or ConfigMap');
  if (ns !== '_' && !isNamespaceName(ns))
    throw new BadInput('namespace must be a valid namespace name, or _ for a cluster-scoped object');
  if (!isObjectName(name)) throw new BadInput('name must be a valid Kubernetes object name');
  return { kind, ...(ns === '_' ? {} : { namespace: ns }), name };
}
