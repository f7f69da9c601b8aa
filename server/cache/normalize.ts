/**
 * One shape for every object entering the cache, whether it came from a list or a
 * watch: raw API JSON, `kind` filled in (list items lack it), managedFields dropped
 * (they are ~40% of an object) but summarized as `lastChange`/`statusChange`/`dataChange`, and
 * deep-frozen. Secrets keep key names and value fingerprints only; literal credentials in
 * pod specs are redacted (unless ORDINAL_REDACT_ENV=off).
 */

import { redactCredentials } from './redact';
import { fingerprint, secrecy } from './secrecy';
import type { KEvent, KObject, LastChange, SecretLite } from './types';

interface ManagedEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  time?: string;
  fieldsV1?: Record<string, unknown>;
}

type Raw = Record<string, unknown> & { metadata?: Record<string, unknown> };

function newest(entries: ManagedEntry[], pick: (e: ManagedEntry) => boolean): LastChange | undefined {
  let best: ManagedEntry | undefined;
  for (const e of entries) {
    if (!e.time || !pick(e)) continue;
    if (!best || String(e.time) > String(best.time)) best = e;
  }
  if (!best?.time) return undefined;
  return {
    time: best.time,
    manager: best.manager ?? 'unknown',
    ...(best.operation ? { operation: best.operation } : {}),
    ...(best.subresource ? { subresource: best.subresource } : {}),
  };
}

const ownsData = (e: ManagedEntry) => !!e.fieldsV1 && ('f:data' in e.fieldsV1 || 'f:binaryData' in e.fieldsV1);

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

export function normalize(kind: string, apiVersion: string, raw: unknown): KObject {
  const src = (raw ?? {}) as Raw;
  const meta = { ...(src.metadata ?? {}) } as Record<string, unknown>;
  const managed = Array.isArray(meta.managedFields) ? (meta.managedFields as ManagedEntry[]) : [];
  delete meta.managedFields;
  delete meta.selfLink;
  const lastChange = newest(managed, (e) => e.subresource !== 'status');
  // Who wrote the status (a controller, the kubelet): the history credits a status-only change to it.
  const statusChange = newest(managed, (e) => e.subresource === 'status');
  const dataChange = kind === 'ConfigMap' || kind === 'Secret' ? newest(managed, ownsData) : undefined;
  const base = {
    ...src,
    kind,
    apiVersion: (src.apiVersion as string | undefined) ?? apiVersion,
    metadata: meta,
  } as Raw;
  if (lastChange) base.lastChange = lastChange;
  if (statusChange) base.statusChange = statusChange;
  if (dataChange) base.dataChange = dataChange;
  if (kind === 'Secret') return deepFreeze(redactSecret(base));
  if (kind === 'Event') return deepFreeze(compactEvent(base));
  return deepFreeze((secrecy().redactEnv ? redactCredentials(base) : base) as unknown as KObject);
}

/** Secret values and annotation values never enter the cache; their fingerprints and key names do. */
function redactSecret(s: Raw): SecretLite {
  const meta = { ...(s.metadata as Record<string, unknown>) };
  const annotations = (meta.annotations ?? {}) as Record<string, string>;
  delete meta.annotations;
  const data = (s.data ?? {}) as Record<string, string>;
  const dataHashes: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) dataHashes[k] = fingerprint(String(v));
  for (const [k, v] of Object.entries((s.stringData ?? {}) as Record<string, string>))
    dataHashes[k] = fingerprint(Buffer.from(String(v)).toString('base64'));
  return {
    kind: 'Secret',
    apiVersion: String(s.apiVersion ?? 'v1'),
    metadata: meta as unknown as SecretLite['metadata'],
    ...(s.type ? { type: String(s.type) } : {}),
    dataHashes,
    annotationKeys: Object.keys(annotations).sort(),
    ...(s.lastChange ? { lastChange: s.lastChange as LastChange } : {}),
    ...(s.dataChange ? { dataChange: s.dataChange as LastChange } : {}),
  };
}

/** Longer event messages are cut here: the views show one line of each. */
export const EVENT_MESSAGE_MAX = 1024;

/**
 * An Event keeps what the views and diagnoses read (about what, why, when, how often): a
 * cluster holds about ten per pod, so the rest of each (source, reporting fields, most of
 * its metadata) would be most of the cache.
 */
function compactEvent(e: Raw): KEvent {
  const m = (e.metadata ?? {}) as Record<string, unknown>;
  const about = (e.involvedObject ?? {}) as Record<string, unknown>;
  const message =
    typeof e.message === 'string' && e.message.length > EVENT_MESSAGE_MAX
      ? `${e.message.slice(0, EVENT_MESSAGE_MAX)}…`
      : e.message;
  const pick = (o: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(keys.filter((k) => o[k] !== undefined && o[k] !== null).map((k) => [k, o[k]]));
  return {
    kind: 'Event',
    apiVersion: String(e.apiVersion ?? 'v1'),
    metadata: {
      ...pick(m, ['namespace', 'resourceVersion', 'creationTimestamp']),
      name: String(m.name ?? ''),
      uid: String(m.uid ?? ''),
    },
    involvedObject: pick(about, ['kind', 'namespace', 'name', 'uid']),
    ...pick({ ...e, message }, ['reason', 'message', 'type', 'count', 'firstTimestamp', 'lastTimestamp', 'eventTime']),
  } as KEvent;
}
