/**
 * Strategic merge patch as kubectl sends it (apply, edit, patch) for the kinds the sim
 * serves. Lists merge by the key the Kubernetes types declare (`patchMergeKey`); lists
 * without one are replaced whole. Supports the directives kubectl emits: `$patch`
 * (replace, delete, merge), `$retainKeys`, `$setElementOrder/<f>` and `$deleteFromPrimitiveList/<f>`.
 */

import { clone, isObject, omit } from '../model/meta';
import type { JsonObject, JsonValue } from '../model/types';
import { PatchError } from './jsonpatch';

type ListStrategy = { mergeKey: string } | { primitiveMerge: true } | undefined;

/** Declared merge keys: field name → key, with the parent field where it is ambiguous. */
function strategyFor(path: string[]): ListStrategy {
  const field = path[path.length - 1];
  const inContainer = path.some((p) => p === 'containers' || p === 'initContainers' || p === 'ephemeralContainers');
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      return { mergeKey: 'name' };
    case 'env':
      return inContainer ? { mergeKey: 'name' } : undefined;
    case 'ports':
      if (inContainer) return { mergeKey: 'containerPort' };
      return path.length === 2 && path[0] === 'spec' ? { mergeKey: 'port' } : undefined;
    case 'volumeMounts':
      return { mergeKey: 'mountPath' };
    case 'volumeDevices':
      return { mergeKey: 'devicePath' };
    case 'hostAliases':
      return { mergeKey: 'ip' };
    case 'ownerReferences':
      return { mergeKey: 'uid' };
    case 'conditions':
      return { mergeKey: 'type' };
    case 'addresses':
      return path[0] === 'status' ? { mergeKey: 'type' } : undefined;
    case 'topologySpreadConstraints':
      return { mergeKey: 'topologyKey' };
    case 'finalizers':
      return { primitiveMerge: true };
    default:
      return undefined;
  }
}

const ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

export function strategicMergePatch(original: JsonValue, patch: JsonValue): JsonValue {
  if (!isObject(patch)) throw new PatchError('strategic merge patch must be a JSON object');
  return mergeMap(isObject(original) ? original : {}, patch, []) ?? {};
}

function mergeMap(original: JsonObject, patch: JsonObject, path: string[]): JsonObject | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  const out: JsonObject = directive === 'replace' ? {} : (clone(original) as JsonObject);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || key === '$patch' || key === '$retainKeys' || key.startsWith(ORDER)) continue;
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const drop = new Set((Array.isArray(value) ? value : []).map((v) => JSON.stringify(v)));
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = cur.filter((v) => !drop.has(JSON.stringify(v)));
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const childPath = [...path, key];
    const cur = out[key];
    if (isObject(value)) {
      const merged = mergeMap(isObject(cur) ? cur : {}, value, childPath);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else if (Array.isArray(value)) {
      out[key] = mergeList(Array.isArray(cur) ? cur : [], value, childPath, patch[`${ORDER}${key}`]);
    } else {
      out[key] = value;
    }
  }
  const order = Object.keys(patch).filter((k) => k.startsWith(ORDER));
  for (const k of order) {
    const field = k.slice(ORDER.length);
    if (!(field in patch) && Array.isArray(out[field])) {
      out[field] = reorder(out[field] as JsonValue[], patch[k], strategyFor([...path, field]));
    }
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    const keep = new Set(retain.map(String));
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

function mergeList(
  original: JsonValue[],
  patch: JsonValue[],
  path: string[],
  order: JsonValue | undefined,
): JsonValue[] {
  const strategy = strategyFor(path);
  const replace = patch.some((p) => isObject(p) && p.$patch === 'replace');
  if (replace) return clone(patch.filter((p) => !(isObject(p) && p.$patch === 'replace')));
  if (!strategy) return clone(patch);
  if ('primitiveMerge' in strategy) {
    const out = clone(original);
    for (const v of patch) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(v))) out.push(clone(v));
    return reorder(out, order, strategy);
  }
  const key = strategy.mergeKey;
  const out = clone(original) as JsonValue[];
  for (const item of patch) {
    if (!isObject(item)) {
      throw new PatchError(`list ${path.join('.')} merges by "${key}": elements must be objects`);
    }
    const idx = out.findIndex((o) => isObject(o) && o[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = mergeMap(out[idx] as JsonObject, item, path);
      if (merged) out[idx] = merged;
      else out.splice(idx, 1);
    } else {
      out.push(mergeMap({}, omit(item, '$patch') as JsonObject, path) ?? {});
    }
  }
  return reorder(out, order, strategy);
}

/** `$setElementOrder`: listed elements first in the given order, the others after, as they were. */
function reorder(list: JsonValue[], order: JsonValue | undefined, strategy: ListStrategy): JsonValue[] {
  if (!Array.isArray(order) || !strategy) return list;
  const id = (v: JsonValue): string => JSON.stringify('mergeKey' in strategy && isObject(v) ? v[strategy.mergeKey] : v);
  const rank = new Map(order.map((o, i) => [id(o), i]));
  const ranked = list.filter((v) => rank.has(id(v))).sort((a, b) => (rank.get(id(a)) ?? 0) - (rank.get(id(b)) ?? 0));
  return [...ranked, ...list.filter((v) => !rank.has(id(v)))];
}
