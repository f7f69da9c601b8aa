/**
 * StatefulSet revisions as the controller history package names them: a
 * ControllerRevision per distinct pod template, named `<set>-<hash>`, where the hash
 * is FNV-32a of the template encoded with the apimachinery SafeEncodeString alphabet.
 */

import { clone, isObject, omit, stableStringify } from '../model/meta';
import type { JsonObject, KubeObject } from '../model/types';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function safeEncode(s: string): string {
  return [...s].map((ch) => ALPHANUMS[ch.charCodeAt(0) % ALPHANUMS.length]).join('');
}

export function templateOf(sts: KubeObject): JsonObject {
  const spec = (sts as JsonObject).spec as JsonObject;
  return isObject(spec?.template) ? (spec.template as JsonObject) : {};
}

/**
 * The revision hash of a template (the controller's name suffix). Remembered per stored template:
 * stored objects are frozen, so one template object always hashes alike, and a StatefulSet is
 * reconciled on every change of each of its pods.
 */
export function revisionHash(template: JsonObject, collisionCount = 0): string {
  const memo = Object.isFrozen(template) ? (hashes.get(template) ?? new Map<number, string>()) : undefined;
  const hit = memo?.get(collisionCount);
  if (hit !== undefined) return hit;
  const hash = safeEncode(String(fnv32a(stableStringify(template) + (collisionCount ? String(collisionCount) : ''))));
  if (memo) hashes.set(template, memo.set(collisionCount, hash));
  return hash;
}

const hashes = new WeakMap<JsonObject, Map<number, string>>();

export function revisionName(sts: KubeObject, hash: string): string {
  return `${sts.metadata.name}-${hash}`;
}

/** ControllerRevision.data: a patch that replaces the template, as the real controller stores it. */
export function revisionData(template: JsonObject): JsonObject {
  return { spec: { template: { ...clone(template), $patch: 'replace' } } };
}

export function templateFromRevision(rev: KubeObject): JsonObject | undefined {
  const data = (rev as JsonObject).data;
  const t = isObject(data) && isObject(data.spec) ? (data.spec as JsonObject).template : undefined;
  if (!isObject(t)) return undefined;
  return omit(t, '$patch') as JsonObject;
}

export function revisionNumber(rev: KubeObject): number {
  return Number((rev as JsonObject).revision ?? 0);
}
