/**
 * What of an object the history keeps: the cache's normalized object (so Secrets are key
 * names and fingerprints only, credentials redacted) without metadata.resourceVersion and
 * heartbeat timestamps. Its `core` leaves out the managedFields summary too (lastChange,
 * statusChange, dataChange: kept, so the past derives as the present does, but a change of only them is
 * noise): two versions with the same core are the same version.
 */

// fast-json-patch is CommonJS: its functions are on the default export under Node's ESM.
import { createHash } from 'node:crypto';
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { KObject } from '../cache/types';

const HEARTBEATS = new Set(['lastHeartbeatTime', 'lastProbeTime', 'renewTime']);
const MANAGED = new Set(['lastChange', 'statusChange', 'dataChange']);

export type Content = Record<string, unknown>;

export interface Version {
  text: string;
  /** A hash of the content without the managedFields summary. */
  core: string;
  /** The content `text` says, as a value (shares the object's unchanged parts): what the next patch compares. */
  content: Content;
}

/**
 * `v` without heartbeat fields at any depth: `v` itself when it has none, else a copy of the
 * levels that held one (the rest shared). JSON.stringify with a replacer did this at about twice
 * the cost, calling back into JavaScript for every field.
 */
function withoutHeartbeats(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = withoutHeartbeats(v[i]);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in o) {
    const x = HEARTBEATS.has(k) ? undefined : withoutHeartbeats(o[k]);
    if (x === o[k]) continue;
    out ??= { ...o };
    if (x === undefined) delete out[k];
    else out[k] = x;
  }
  return out ?? v;
}

export function versionOf(o: KObject): Version {
  const { resourceVersion: _rv, ...metadata } = o.metadata;
  const { lastChange, statusChange, dataChange, ...rest } = o;
  const kept = withoutHeartbeats({ ...rest, metadata }) as Content;
  const base = JSON.stringify(kept);
  const managed = { lastChange, statusChange, dataChange };
  const managedText = JSON.stringify(managed).slice(1, -1);
  const text = managedText && base !== '{}' ? `${base.slice(0, -1)},${managedText}}` : base;
  const content = managedText ? { ...kept, ...JSON.parse(`{${managedText}}`) } : kept;
  return { text, core: createHash('sha1').update(base).digest('base64url'), content };
}

/** RFC 6902 operations turning `from` into `to` (fast-json-patch). */
export function patchBetween(from: Content, to: Content): Operation[] {
  return jsonpatch.compare(from, to);
}

const MAX_PATHS = 3;
const MAX_VALUE = 40;

/** What a reader looks for first: the desired state, then labels and such, then what controllers report. */
function rank(path: string): number {
  if (/^\/(spec|data|binaryData|dataHashes)(\/|$)/.test(path)) return 0;
  if (path.startsWith('/metadata/')) return 1;
  return path.startsWith('/status') ? 3 : 2;
}

/** `spec.replicas: 3 → 5, metadata.labels.tier: + db (+2 more)`: the changed paths, old → new, spec first. */
export function summarize(ops: readonly Operation[], before: Content): string {
  const ordered = ops.filter((op) => !MANAGED.has(op.path.split('/')[1])).sort((a, b) => rank(a.path) - rank(b.path));
  const parts = ordered.slice(0, MAX_PATHS).map((op) => {
    const path = dotted(op.path);
    const old = valueAt(before, op.path);
    if (op.op === 'remove') return `${path}: − ${shown(old)}`;
    if (op.op === 'add') return `${path}: + ${shown('value' in op ? op.value : undefined)}`;
    return `${path}: ${shown(old)} → ${shown('value' in op ? op.value : undefined)}`;
  });
  const more = ordered.length > MAX_PATHS ? ` (+${ordered.length - MAX_PATHS} more)` : '';
  return parts.join(', ') + more;
}

/** `/status/conditions/0/status` → `status.conditions[0].status`. */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function valueAt(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function shown(v: unknown): string {
  const text = v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
