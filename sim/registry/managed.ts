/**
 * managedFields bookkeeping: one entry per (manager, operation, subresource) whose
 * `time` is the last write by that manager. Ordinal's drift detection reads these
 * times, so they must move exactly when a manager changes the object.
 * fieldsV1 lists the fields the write touched, in the apiserver's `f:` notation.
 */

import { isObject, nowTime } from '../model/meta';
import type { JsonObject, JsonValue, KubeObject } from '../model/types';

const SKIP_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
]);

function fieldSet(v: JsonValue | undefined, depth: number): JsonObject {
  if (!isObject(v) || depth > 6) return {};
  const out: JsonObject = {};
  for (const [k, child] of Object.entries(v)) {
    if (child === undefined) continue;
    out[`f:${k}`] = isObject(child) ? fieldSet(child, depth + 1) : {};
  }
  return out;
}

/** Fields of `after` that differ from `before` (top-level sections, then keys within). */
export function changedFields(before: KubeObject | undefined, after: KubeObject, subresource?: string): JsonObject {
  const out: JsonObject = {};
  const sections =
    subresource === 'status'
      ? ['status']
      : Object.keys(after).filter((k) => k !== 'apiVersion' && k !== 'kind' && k !== 'status');
  for (const s of sections) {
    const a = (after as JsonObject)[s];
    const b = before ? (before as JsonObject)[s] : undefined;
    if (s === 'metadata') {
      const meta: JsonObject = {};
      for (const mk of ['labels', 'annotations', 'ownerReferences', 'finalizers']) {
        const av = (after.metadata as JsonObject)[mk];
        const bv = before ? (before.metadata as JsonObject)[mk] : undefined;
        if (av !== undefined && JSON.stringify(av) !== JSON.stringify(bv)) meta[`f:${mk}`] = fieldSet(av, 1);
      }
      if (Object.keys(meta).length) out['f:metadata'] = meta;
      continue;
    }
    if (SKIP_META.has(s) || a === undefined) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[`f:${s}`] = isObject(a) ? fieldSet(a, 1) : {};
  }
  return out;
}

export function recordManager(
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  operation: 'Update' | 'Apply',
  subresource: string | undefined,
  at: number = Date.now(),
): void {
  const fields = changedFields(before, after, subresource);
  const entries = [...((before?.metadata.managedFields ?? after.metadata.managedFields ?? []) as JsonObject[])];
  if (Object.keys(fields).length === 0) {
    after.metadata.managedFields = entries;
    return;
  }
  const idx = entries.findIndex(
    (e) => e.manager === manager && e.operation === operation && (e.subresource ?? undefined) === subresource,
  );
  const entry: JsonObject = {
    manager,
    operation,
    apiVersion: after.apiVersion,
    time: nowTime(at),
    fieldsType: 'FieldsV1',
    fieldsV1:
      idx >= 0 && isObject(entries[idx].fieldsV1) ? mergeFields(entries[idx].fieldsV1 as JsonObject, fields) : fields,
    ...(subresource ? { subresource } : {}),
  };
  if (idx >= 0) entries[idx] = entry;
  else entries.push(entry);
  after.metadata.managedFields = entries;
}

function mergeFields(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b))
    out[k] = isObject(out[k]) && isObject(v) ? mergeFields(out[k] as JsonObject, v) : v;
  return out;
}
