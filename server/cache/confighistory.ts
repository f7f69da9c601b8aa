import type { StoreChange } from './store';
import type { ConfigMap, KObject, SecretLite } from './types';
import { fingerprint } from './secrecy';

export interface ConfigVersion {
  /** When this version became live: its managedFields data change, else when it was seen. */
  since: string;
  hashes: Record<string, string>;
  data?: Record<string, string>;
}

const MAX_VERSIONS = 8;
const MAX_VALUE_BYTES = 64 * 1024;

/** The keys of a ConfigMap's data and binaryData, or of a Secret: no value is read or fingerprinted. */
export function dataKeys(o: KObject): string[] {
  if (o.kind === 'Secret') return Object.keys((o as SecretLite).dataHashes);
  const cm = o as ConfigMap;
  return [...Object.keys(cm.data ?? {}), ...Object.keys(cm.binaryData ?? {})];
}

export function hashesOf(o: KObject): Record<string, string> {
  if (o.kind === 'Secret') return { ...(o as SecretLite).dataHashes };
  const cm = o as ConfigMap;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cm.data ?? {})) out[k] = fingerprint(v);
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = fingerprint(v);
  return out;
}

export function changedKeys(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}

/**
 * Versions of ConfigMaps and Secrets seen while watching, so that a pod that started
 * on an older version can be told which keys changed since. Secrets are kept as
 * keyed fingerprints only; ConfigMaps keep their values too (bounded) for the diff view.
 */
export class ConfigHistory {
  private readonly versions = new Map<string, ConfigVersion[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Feed ConfigMap and Secret store changes here. */
  observe(c: StoreChange): void {
    const id = `${c.kind}/${c.key}`;
    if (!c.obj) {
      this.versions.delete(id);
      return;
    }
    const hashes = hashesOf(c.obj);
    const list = this.versions.get(id) ?? [];
    const last = list[list.length - 1];
    if (last && changedKeys(last.hashes, hashes).length === 0) return;
    const since = last
      ? (c.obj.dataChange?.time ?? new Date(this.now()).toISOString())
      : (c.obj.dataChange?.time ?? c.obj.metadata.creationTimestamp ?? new Date(this.now()).toISOString());
    const data = c.kind === 'ConfigMap' ? boundedData((c.obj as ConfigMap).data) : undefined;
    list.push({ since, hashes, ...(data ? { data } : {}) });
    if (list.length > MAX_VERSIONS) list.shift();
    this.versions.set(id, list);
  }

  /** The version live at `iso` (the newest one that began at or before it), if it was seen. */
  versionAt(id: string, iso: string): ConfigVersion | undefined {
    const list = this.versions.get(id);
    if (!list?.length) return undefined;
    const t = Date.parse(iso);
    let found: ConfigVersion | undefined;
    for (const v of list) if (Date.parse(v.since) <= t) found = v;
    return found;
  }

  history(id: string): ConfigVersion[] {
    return this.versions.get(id) ?? [];
  }
}

function boundedData(data: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!data) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data))
    out[k] = v.length > MAX_VALUE_BYTES ? `${v.slice(0, MAX_VALUE_BYTES)}…` : v;
  return out;
}
