import { createHash } from 'node:crypto';

/**
 * The hash chain over history entries: each entry's hash covers every stored field of it
 * and the previous entry's hash, so editing, inserting or removing any entry breaks the
 * link at that entry. The first entry links to GENESIS. The content enters as its own hash,
 * so an entry can be checked without its content (an audit bundle's out-of-scope links).
 */
export const GENESIS = '0'.repeat(64);

/** Every stored field of an entry, in the order the hash covers them. */
export interface ChainedFields {
  id: number;
  time: string;
  cluster: string;
  type: string;
  kind: string;
  namespace: string | null;
  name: string;
  uid: string;
  resourceVersion: string;
  observed: boolean;
  windowFrom: string | null;
  windowTo: string | null;
  manager: string | null;
  summary: string;
  keyframe: boolean;
  content: string | null;
}

export function contentHash(content: string | null): string | null {
  return content === null ? null : createHash('sha256').update(content).digest('hex');
}

/**
 * The fields an entry's hash covers, in order (its content enters as the content's hash, last):
 * the one list the hash and the store's columns (schema.ts, same order) follow.
 */
export const CHAINED = [
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
  'keyframe',
] as const satisfies ReadonlyArray<keyof ChainedFields>;

/** The entry's hash from its fields, its content's hash and the previous hash. */
export function linkHash(prevHash: string, f: Omit<ChainedFields, 'content'>, content: string | null): string {
  const fields = [prevHash, ...CHAINED.map((k) => f[k]), content];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export function entryHash(prevHash: string, f: ChainedFields): string {
  return linkHash(prevHash, f, contentHash(f.content));
}

export interface Link extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** The first broken link of entries read in id order after `prev` (id and hash), or undefined. */
export function firstBroken(prev: { id: number; hash: string }, link: Link): string | undefined {
  if (link.id !== prev.id + 1) return `entry ${prev.id + 1} is missing (next is ${link.id})`;
  if (link.prevHash !== prev.hash) return 'its prevHash is not the hash of the entry before it';
  if (entryHash(link.prevHash, link) !== link.hash) return 'its content does not match its hash (edited)';
  return undefined;
}
