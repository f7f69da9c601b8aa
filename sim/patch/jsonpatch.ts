import { clone, deepEqual, isObject } from '../model/meta';
import type { JsonValue } from '../model/types';

/** RFC 6902 JSON patch. Throws PatchError on an invalid operation or failed test. */
export class PatchError extends Error {}

interface Op {
  op: string;
  path: string;
  from?: string;
  value?: JsonValue;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = JsonValue[] | Record<string, JsonValue>;

function parentOf(doc: JsonValue, tokens: string[]): Container {
  let cur: JsonValue = doc;
  for (const t of tokens.slice(0, -1)) {
    const next: JsonValue | undefined = Array.isArray(cur)
      ? cur[Number(t)]
      : isObject(cur)
        ? (cur[t] as JsonValue)
        : undefined;
    if (next === undefined || next === null || typeof next !== 'object')
      throw new PatchError(`path not found: /${tokens.join('/')}`);
    cur = next;
  }
  if (cur === null || typeof cur !== 'object') throw new PatchError(`path not found: /${tokens.join('/')}`);
  return cur as Container;
}

function arrayIndex(arr: JsonValue[], t: string, forInsert: boolean): number {
  if (forInsert && t === '-') return arr.length;
  const i = Number(t);
  if (!/^\d+$/.test(t) || i > arr.length || (!forInsert && i === arr.length))
    throw new PatchError(`invalid array index ${t}`);
  return i;
}

function read(doc: JsonValue, path: string): JsonValue {
  const tokens = pointer(path);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens);
  const last = tokens[tokens.length - 1];
  const v = Array.isArray(parent) ? parent[arrayIndex(parent, last, false)] : parent[last];
  if (v === undefined) throw new PatchError(`path not found: ${path}`);
  return v;
}

function remove(doc: JsonValue, path: string): JsonValue {
  const tokens = pointer(path);
  const parent = parentOf(doc, tokens);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0];
  if (!(last in parent)) throw new PatchError(`path not found: ${path}`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function add(doc: JsonValue, path: string, value: JsonValue): JsonValue {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else parent[last] = value;
  return doc;
}

export function jsonPatch(target: JsonValue, ops: unknown): JsonValue {
  if (!Array.isArray(ops)) throw new PatchError('JSON patch must be an array of operations');
  let doc = clone(target);
  for (const raw of ops as Op[]) {
    if (!isObject(raw) || typeof raw.path !== 'string') throw new PatchError('invalid JSON patch operation');
    switch (raw.op) {
      case 'add':
        doc = add(doc, raw.path, clone(raw.value ?? null));
        break;
      case 'remove':
        remove(doc, raw.path);
        break;
      case 'replace':
        remove(doc, raw.path);
        doc = add(doc, raw.path, clone(raw.value ?? null));
        break;
      case 'move': {
        const v = remove(doc, raw.from ?? '');
        doc = add(doc, raw.path, v);
        break;
      }
      case 'copy':
        doc = add(doc, raw.path, clone(read(doc, raw.from ?? '')));
        break;
      case 'test':
        if (!deepEqual(read(doc, raw.path), raw.value)) throw new PatchError(`test failed at ${raw.path}`);
        break;
      default:
        throw new PatchError(`unknown JSON patch operation "${String(raw.op)}"`);
    }
  }
  return doc;
}
