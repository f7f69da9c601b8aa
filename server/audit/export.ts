import type { HistoryEntry } from '@/lib/wire/history';
import { bundleLines } from './bundle';
import type { EntryFilter } from './reads';
import type { HistoryReader } from './reader';

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
  'problem',
  'turn',
  'hash',
  'prevHash',
] as const;

/**
 * A cell a spreadsheet would run as a formula — one beginning with `=`, `+`, `-`, `@`, tab, CR or
 * LF (a field manager's or object's name is anyone's choice) — gets a leading `'`, as OWASP's CSV
 * injection advice says: it opens as text. JSON Lines and bundles keep the exact value.
 */
export function neutralCell(s: string): string {
  return /^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s;
}

/** One RFC 4180 record (CRLF-terminated; fields with a comma, quote or line break quoted; formulas neutralized). */
export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values
    .map((v) => {
      const s = neutralCell(v === null || v === undefined ? '' : String(v));
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
    e.problem?.code,
    e.problem?.turn,
    e.hash,
    e.prevHash,
  ]);
}

export type ExportFileFormat = 'csv' | 'jsonl' | 'bundle';

/**
 * A query's export as text pieces, read from the store a page at a time as they are taken (the
 * API's `format=` and the audit CLI's export write the same): CSV with its header, JSON Lines,
 * or an audit bundle of the query's scope (namespace, kind, since, until).
 */
export function* exportText(reader: HistoryReader, q: EntryFilter, format: ExportFileFormat): Generator<string> {
  if (format === 'bundle') {
    const scope = { namespace: q.namespace, kind: q.kind, since: q.since, until: q.until };
    for (const line of bundleLines(reader, scope)) yield `${line}\n`;
    return;
  }
  if (format === 'csv') yield csvRow(CSV_COLUMNS);
  for (const e of reader.scan(q)) yield format === 'csv' ? csvOf(e) : `${JSON.stringify(e)}\n`;
}
