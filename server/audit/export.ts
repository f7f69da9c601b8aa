import type { HistoryEntry } from '@/lib/wire/history';

/** The history as CSV (RFC 4180) rows: the API's `format=csv` and the audit CLI's export write the same. */
export const CSV_COLUMNS = [
  'id',
  'time',
  'cluster',
  'type',
  'kind',
  'namespace',
  'name',
  'uid',
  'resourceVersion',
  'observed',
  'windowFrom',
  'windowTo',
  'manager',
  'summary',
  'hash',
  'prevHash',
] as const;

/** One RFC 4180 record (CRLF-terminated; fields with a comma, quote or line break quoted). */
export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values
    .map((v) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',')}\r\n`;
}

export function csvOf(e: HistoryEntry): string {
  return csvRow([
    e.id,
    e.time,
    e.cluster,
    e.type,
    e.kind,
    e.namespace,
    e.name,
    e.uid,
    e.resourceVersion,
    e.observed,
    e.window?.from,
    e.window?.to,
    e.manager,
    e.summary,
    e.hash,
    e.prevHash,
  ]);
}
