import type { HistoryVerdict } from '@/lib/wire/history';
import { contentHash, linkHash, type ChainedFields } from './chain';
import { fieldsOf, type EntryRow } from './schema';
import type { HistoryStore } from './store';

/**
 * An audit bundle: the entries of a scope and window with their chain, as JSON Lines that
 * verify offline. The first line is the manifest; then every entry from the first match to
 * the last, in id order — matches whole (`e`), the rest as links (`l`: every field but the
 * content, and the content's hash), so the chain can be walked end to end and an entry
 * cannot be dropped or hidden as a link without breaking it.
 */
export const BUNDLE_FORMAT = 'ordinal-audit-bundle/1';

export interface BundleScope {
  namespace?: string;
  kind?: string;
  since?: string;
  until?: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  exportedAt: string;
  scope: BundleScope;
  /** The link before the first line, and the last line's: the span of the chain the bundle holds. */
  base: { id: number; hash: string };
  head: { id: number; hash: string };
  entries: number;
  links: number;
}

type Fields = Omit<ChainedFields, 'content'>;
type Line =
  | { e: ChainedFields & { prevHash: string; hash: string } }
  | { l: Fields & { contentHash: string | null; prevHash: string; hash: string } };

export function inScope(f: Pick<Fields, 'namespace' | 'kind' | 'time'>, s: BundleScope): boolean {
  return (
    (s.namespace === undefined || f.namespace === s.namespace) &&
    (s.kind === undefined || f.kind === s.kind) &&
    (s.since === undefined || f.time >= s.since) &&
    (s.until === undefined || f.time <= s.until)
  );
}

/** The bundle's lines (manifest first), read from the store a page at a time. */
export function* bundleLines(store: HistoryStore, scope: BundleScope, now = new Date()): Generator<string> {
  const { first, last, count } = store.span(scope);
  const empty = { id: 0, hash: '' };
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    exportedAt: now.toISOString(),
    scope,
    base: first ? { id: first.id - 1, hash: first.prevHash } : empty,
    head: last ? { id: last.id, hash: last.hash } : empty,
    entries: count,
    links: first && last ? last.id - first.id + 1 - count : 0,
  };
  yield JSON.stringify(manifest);
  if (!first || !last) return;
  const page = store.db.prepare('SELECT * FROM entries WHERE id > ? AND id <= ? ORDER BY id LIMIT 1000');
  for (let after = first.id - 1; after < last.id;) {
    const rows = page.all(after, last.id) as unknown as EntryRow[];
    if (!rows.length) return;
    for (const r of rows) {
      const f = fieldsOf(r);
      const line: Line = inScope(f, scope)
        ? { e: { ...f, prevHash: r.prev_hash, hash: r.hash } }
        : { l: { ...withoutContent(f), contentHash: contentHash(f.content), prevHash: r.prev_hash, hash: r.hash } };
      yield JSON.stringify(line);
    }
    after = rows[rows.length - 1].id;
  }
}

function withoutContent(f: ChainedFields): Fields {
  const { content: _c, ...rest } = f;
  return rest;
}

/** Walks a bundle's lines: the manifest, every link in order, matches whole, links out of scope. */
export function verifyBundle(lines: Iterable<string>): HistoryVerdict {
  let manifest: BundleManifest | undefined;
  let prev = { id: 0, hash: '' };
  let checked = 0;
  const broken = (id: number, reason: string): HistoryVerdict => ({ ok: false, checked, firstBroken: { id, reason } });
  for (const text of lines) {
    if (!text.trim()) continue;
    if (!manifest) {
      manifest = JSON.parse(text) as BundleManifest;
      if (manifest.format !== BUNDLE_FORMAT)
        return broken(0, `not an audit bundle (format ${String(manifest.format).slice(0, 40)})`);
      prev = manifest.base;
      continue;
    }
    const line = JSON.parse(text) as Line;
    const whole = 'e' in line;
    const f = whole ? line.e : line.l;
    if (f.id !== prev.id + 1) return broken(prev.id + 1, `entry ${prev.id + 1} is missing (next is ${f.id})`);
    if (f.prevHash !== prev.hash) return broken(f.id, 'its prevHash is not the hash of the entry before it');
    const cHash = whole ? contentHash(line.e.content) : line.l.contentHash;
    if (linkHash(f.prevHash, f, cHash) !== f.hash) return broken(f.id, 'its fields do not match its hash (edited)');
    if (inScope(f, manifest.scope) !== whole)
      return broken(
        f.id,
        whole ? 'an entry outside the scope is given whole' : 'an entry of the scope is given as a link only',
      );
    prev = { id: f.id, hash: f.hash };
    checked++;
  }
  if (!manifest) return broken(0, 'empty: no manifest');
  if (manifest.head.id && (prev.id !== manifest.head.id || prev.hash !== manifest.head.hash)) {
    return broken(prev.id + 1, `the bundle ends at entry ${prev.id}, its manifest at ${manifest.head.id}`);
  }
  return { ok: true, checked };
}
