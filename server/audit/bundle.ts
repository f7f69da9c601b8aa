/**
 * An audit bundle: the entries of a scope and window with their chain, as JSON Lines that
 * verify offline. The first line is the manifest; then every entry from the first match to
 * the last, in id order — matches whole (`e`), the rest as links (`l`: every field but the
 * content, and the content's hash), so the chain can be walked end to end and an entry
 * cannot be dropped or hidden as a link without breaking it.
 *
 * A bundle holds one cluster: entries of the file's other clusters inside the span are opaque
 * links (`x`: id and hashes, nothing of what they hold), so the chain stays walkable without
 * naming anything of another cluster — the verifier checks they link, and cannot check what
 * they hide (the manifest counts them).
 *
 * Before the entries, `b` lines carry the scope's objects as they were just before its first
 * entry (with the cluster-scoped ones a namespace's derivations read), rebuilt by the store: a
 * bundle served on its own (unbundle.ts) can then show the graph at any time in its window. They
 * come from entries the bundle does not hold, so the chain does not cover them; the manifest says so.
 */

import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { HistoryVerdict } from '@/lib/wire/history';
import type { Content } from './content';
import { contentHash, linkHash, type ChainedFields } from './chain';
import { fieldsOf } from './schema';
import type { HistoryReader } from './reader';

export const BUNDLE_FORMAT = 'ordinal-audit-bundle/2';
/** Bundles this code verifies and serves: /1 (before bundles held one cluster: every cluster in scope) and /2. */
export const BUNDLE_FORMATS: readonly string[] = ['ordinal-audit-bundle/1', BUNDLE_FORMAT];

export interface BundleScope {
  /** The one cluster the bundle holds (absent only in /1 bundles, which held every cluster of the file). */
  cluster?: string;
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
  /** Entries of other clusters inside the span, given as opaque links (`x`). */
  opaque?: number;
  /** The `b` lines: the scope's objects at `at` (just before the first entry), not covered by the chain. */
  baseline?: { at: string; objects: number };
}

/** An object as it was when the bundle's window opened. */
export interface BaselineLine {
  cluster: string;
  kind: string;
  content: Content;
}

type Fields = Omit<ChainedFields, 'content'>;

interface ProblemColumns {
  p_code: string | null;
  p_health: string | null;
  p_turn: string | null;
}

/** An entry's problem row as a bundle line carries it (unbundle.ts puts it back). */
export interface BundledProblem {
  problem?: { code: string | null; health: string | null; turn: string | null };
}

function problemOf(r: Partial<ProblemColumns>): BundledProblem {
  return r.p_code || r.p_turn
    ? { problem: { code: r.p_code ?? null, health: r.p_health ?? null, turn: r.p_turn ?? null } }
    : {};
}
type Line =
  | { b: BaselineLine }
  | { e: ChainedFields & BundledProblem & { prevHash: string; hash: string } }
  | { l: Fields & { contentHash: string | null; prevHash: string; hash: string } }
  | { x: OpaqueLink };

/** Another cluster's entry inside a bundle's span: where it sits in the chain, nothing of it. */
export interface OpaqueLink {
  id: number;
  prevHash: string;
  hash: string;
}

export function inScope(f: Pick<Fields, 'cluster' | 'namespace' | 'kind' | 'time'>, s: BundleScope): boolean {
  return (
    (s.cluster === undefined || f.cluster === s.cluster) &&
    (s.namespace === undefined || f.namespace === s.namespace) &&
    (s.kind === undefined || f.kind === s.kind) &&
    (s.since === undefined || f.time >= s.since) &&
    (s.until === undefined || f.time <= s.until)
  );
}

/** A bundle's scope as asked (the cluster is the reader's). */
export type BundleAsk = Omit<BundleScope, 'cluster'>;

export class BundleScopeError extends Error {}

/**
 * The bundle's lines (manifest first), read a page at a time: the reader's cluster only (a whole
 * file's reader must hold one cluster, else BundleScopeError), and only for a reader who sees every
 * kind there — a link names its entry.
 */
export function* bundleLines(reader: HistoryReader, ask: BundleAsk, now = new Date()): Generator<string> {
  if (reader.scope.visible !== null) throw new BundleScopeError('an audit bundle needs every kind of its cluster');
  const clusters = reader.clusters();
  if (clusters.length > 1) {
    throw new BundleScopeError(`the file records ${clusters.length} clusters (${clusters.join(', ')}): name one`);
  }
  const cluster = reader.scope.cluster ?? clusters[0];
  const scope: BundleScope = cluster === undefined ? ask : { cluster, ...ask };
  const { first, last, count } = reader.span(ask);
  const empty = { id: 0, hash: '' };
  // The window's start (no entry of the scope before its first), else just before its first entry.
  const opening = first && (scope.since ?? new Date(Date.parse(first.time) - 1).toISOString());
  const baseline = opening ? [...baselineOf(reader, scope, opening)] : [];
  const opaque = first && last ? reader.othersBetween(first.id, last.id) : 0;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    exportedAt: now.toISOString(),
    scope,
    base: first ? { id: first.id - 1, hash: first.prevHash } : empty,
    head: last ? { id: last.id, hash: last.hash } : empty,
    entries: count,
    links: first && last ? last.id - first.id + 1 - count - opaque : 0,
    opaque,
    ...(opening ? { baseline: { at: opening, objects: baseline.length } } : {}),
  };
  yield JSON.stringify(manifest);
  if (!first || !last) return;
  for (const b of baseline) yield JSON.stringify({ b } satisfies Line);
  for (const c of reader.chain(first.id, last.id)) {
    if (!('row' in c)) {
      yield JSON.stringify({ x: c } satisfies Line);
      continue;
    }
    const r = c.row;
    const f = fieldsOf(r);
    // Each entry's problem row rides along, outside the chain as in the store (derived from the content).
    const line: Line = inScope(f, scope)
      ? { e: { ...f, prevHash: r.prev_hash, hash: r.hash, ...problemOf(r) } }
      : { l: { ...withoutContent(f), contentHash: contentHash(f.content), prevHash: r.prev_hash, hash: r.hash } };
    yield JSON.stringify(line);
  }
}

/** The scope's objects alive at `at`, of its one cluster (kind-filtered if the scope names one). */
function* baselineOf(reader: HistoryReader, scope: BundleScope, at: string): Generator<BaselineLine> {
  const cluster = reader.pastCluster();
  for (const o of reader.objectsAt(at, scope.namespace)) {
    if (scope.kind === undefined || o.kind === scope.kind) yield { cluster, kind: o.kind, content: o.content };
  }
}

function withoutContent(f: ChainedFields): Fields {
  const { content: _c, ...rest } = f;
  return rest;
}

/** Walks a bundle's lines: the manifest, every link in order, matches whole, links out of scope. */
export function verifyBundle(lines: Iterable<string>): HistoryVerdict {
  try {
    return walk(lines);
  } catch (e) {
    // A field of the wrong type (hand-made or damaged): a broken bundle, not a crash.
    return {
      ok: false,
      checked: 0,
      firstBroken: { id: 0, reason: `malformed: ${(e as Error).message.slice(0, 200)}` },
    };
  }
}

function walk(lines: Iterable<string>): HistoryVerdict {
  let manifest: BundleManifest | undefined;
  let prev = { id: 0, hash: '' };
  let checked = 0;
  const broken = (id: number, reason: string): HistoryVerdict => ({ ok: false, checked, firstBroken: { id, reason } });
  for (const text of lines) {
    if (!text.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return broken(prev.id + 1, manifest ? `the line after entry ${prev.id} is not JSON` : 'the manifest is not JSON');
    }
    if (!manifest) {
      manifest = (parsed ?? {}) as BundleManifest;
      if (!BUNDLE_FORMATS.includes(manifest.format))
        return broken(0, `not an audit bundle (format ${String(manifest.format).slice(0, 40)})`);
      if (typeof manifest.base?.id !== 'number') return broken(0, 'the manifest has no base link');
      prev = manifest.base;
      continue;
    }
    const line = parsed as Line;
    const notEntry = `the line after entry ${prev.id} is not an entry`;
    if (typeof line !== 'object' || line === null) return broken(prev.id + 1, notEntry);
    if ('b' in line) {
      if (checked) return broken(prev.id + 1, 'a baseline line after the entries');
      continue;
    }
    const opaque = 'x' in line;
    // Another cluster's entry: only a /2 bundle of one cluster has them.
    if (opaque && manifest.scope?.cluster === undefined)
      return broken(prev.id + 1, 'an opaque link in a bundle of every cluster');
    const whole = 'e' in line;
    const link: OpaqueLink | undefined = opaque ? line.x : whole ? line.e : line.l;
    if (typeof link !== 'object' || link === null) return broken(prev.id + 1, notEntry);
    if (link.id !== prev.id + 1) return broken(prev.id + 1, `entry ${prev.id + 1} is missing (next is ${link.id})`);
    if (link.prevHash !== prev.hash) return broken(link.id, 'its prevHash is not the hash of the entry before it');
    if (opaque) {
      // Its place in the chain is all an opaque link shows: what it holds is not the bundle's to check.
      if (typeof link.hash !== 'string') return broken(link.id, 'an opaque link without its hash');
      prev = { id: link.id, hash: link.hash };
      checked++;
      continue;
    }
    const f = whole ? line.e : line.l;
    if (manifest.scope?.cluster !== undefined && f.cluster !== manifest.scope.cluster)
      return broken(
        f.id,
        `an entry of cluster ${String(f.cluster).slice(0, 60)} in a bundle of ${manifest.scope.cluster}`,
      );
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

/**
 * A file's lines, read a MiB at a time: a bundle may be larger than one string can hold.
 * Throws if the file cannot be read.
 */
export function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    // Keeps a character split across two reads whole.
    const utf8 = new StringDecoder('utf8');
    let rest = '';
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      const parts = (rest + utf8.write(chunk.subarray(0, n))).split('\n');
      rest = parts.pop() ?? '';
      yield* parts;
    }
    rest += utf8.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** A bundle starts with its manifest line; a store file with SQLite's header. */
export function isBundle(path: string): boolean {
  const head = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 64, 0);
  } finally {
    closeSync(fd);
  }
  const text = head.toString('utf8');
  return BUNDLE_FORMATS.some((f) => text.startsWith(`{"format":"${f}"`));
}
