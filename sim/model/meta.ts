import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue, KubeObject } from './types';

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}

/**
 * A deep copy of a JSON value (what the store holds: objects, arrays, primitives). Written out
 * rather than structuredClone, which serializes and deserializes: at 20k pods the registry's
 * copies were a fifth of the sim's time under a churn, and this is ~9× faster.
 */
export function clone<T>(value: T): T {
  return copyJson(value as unknown) as T;
}

function copyJson(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyJson(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = copyJson((v as Record<string, unknown>)[k]);
    // A key JSON.parse made an own property must stay one, not become the copy's prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

export function newUid(): string {
  return randomUUID();
}

/** RFC 3339 with second precision, as the apiserver writes metav1.Time. */
export function nowTime(at: number = Date.now()): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime (events). */
export function microTime(at: number = Date.now()): string {
  return new Date(at).toISOString().replace('Z', '000Z');
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}

/** Reads a dotted path ("status.phase", "involvedObject.name") from an object. */
export function getPath(obj: unknown, path: string): JsonValue | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur as JsonValue | undefined;
}

/** Stable JSON with sorted keys: the basis of revision hashes. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Matches the Kubernetes owner-reference test: same uid. */
export function isOwnedBy(obj: KubeObject, uid: string | undefined): boolean {
  return !!uid && (obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

export function controllerOf(obj: KubeObject): string | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller)?.uid;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

/** A shallow copy without the given keys. */
export function omit<T extends object>(o: T, ...keys: string[]): Partial<T> {
  const out = { ...o } as Record<string, unknown>;
  for (const k of keys) delete out[k];
  return out as Partial<T>;
}
