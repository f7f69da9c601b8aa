/**
 * Config drift: pods running with a ConfigMap or Secret older than the live one.
 * A pod is stale for a source when the source's data last changed (managedFields)
 * after the pod started; when the change was seen while watching, the keys that
 * changed are known, and a pod whose env reads none of them is not stale.
 */

import type { Finding } from '@/lib/wire/findings';
import { parseNodeId } from '@/lib/wire/kinds';
import type { ConfigSource, Drift, DriftReport } from '@/lib/wire/topology';
import type { ConfigHistory } from '../cache/confighistory';
import { changedKeys, dataKeys, hashesOf } from '../cache/confighistory';
import type { Stores } from '../cache/indexes';
import { configSources, consumptions } from '../cache/consumption';
import type { ConfigMap, KObject, Pod } from '../cache/types';
import { finding } from './wording';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function sourceObject(s: Stores, source: string): KObject | undefined {
  const ref = parseNodeId(source);
  if (ref?.kind === 'Secret') return s.Secret.get(ref.namespace, ref.name);
  return ref?.kind === 'ConfigMap' ? s.ConfigMap.get(ref.namespace, ref.name) : undefined;
}

export function changedAt(o: KObject): string | undefined {
  return o.dataChange?.time ?? o.lastChange?.time ?? o.metadata.creationTimestamp;
}

function checksums(p: Pod): string | undefined {
  const sums = Object.keys(p.metadata.annotations ?? {}).filter((k) => k.startsWith('checksum/'));
  return sums.length ? sums.join(', ') : undefined;
}

/** Keys that changed between the versions seen after `started` (the source watched while it changed). */
function keysSeenChanging(history: ConfigHistory, source: string, started: string): string[] | undefined {
  const list = history.history(source);
  const out = new Set<string>();
  for (let i = 1; i < list.length; i++)
    if (Date.parse(list[i].since) > Date.parse(started))
      for (const k of changedKeys(list[i - 1].hashes, list[i].hashes)) out.add(k);
  return out.size ? [...out].sort() : undefined;
}

/**
 * Everything `podDrift` reads of the pod itself (besides its name): two versions that agree on
 * these drift alike against the same sources (the `drift` aspect, aspects.ts).
 */
export function driftInputs(p: Pod): unknown {
  return [p.status?.startTime ?? p.metadata.creationTimestamp, checksums(p), consumptions(p)];
}

/** Drift of one pod against each source it consumes. */
export function podDrift(p: Pod, s: Stores, history?: ConfigHistory): Drift[] {
  const started = p.status?.startTime ?? p.metadata.creationTimestamp;
  if (!started) return [];
  const out: Drift[] = [];
  for (const c of consumptions(p)) {
    const src = sourceObject(s, c.source);
    const changed = src && changedAt(src);
    if (!src || !changed || Date.parse(changed) <= Date.parse(started)) continue;
    const before = history?.versionAt(c.source, started);
    // The version the pod started on was seen: every changed key is known. Else the changes seen
    // since it started still name keys — at least those (earlier ones were not seen).
    // Not seen at all: an edit made by hand after a kubectl apply most likely left the pod on the
    // applied data, so live vs last-applied names the keys (said as such).
    const seen = before ? undefined : history && keysSeenChanging(history, c.source, started);
    const applied =
      before || seen || src.kind !== 'ConfigMap' ? undefined : (lastAppliedDiff(src as ConfigMap) ?? undefined);
    const keysFrom = before
      ? undefined
      : seen
        ? ('watched' as const)
        : applied?.length
          ? ('lastApplied' as const)
          : undefined;
    let keys = before ? changedKeys(before.hashes, hashesOf(src)) : (seen ?? (applied?.length ? applied : undefined));
    if (keys && c.keys) keys = keys.filter((k) => c.keys?.includes(k));
    if (before && keys && keys.length === 0) continue;
    if (!before && keys && keys.length === 0) keys = undefined;
    out.push({
      pod: `${p.metadata.namespace}/${p.metadata.name}`,
      source: c.source,
      consumption: c.mode,
      podStarted: started,
      sourceChanged: changed,
      code: 'drift.staleConfig',
      ...said(
        finding('drift.staleConfig', 'warning', {
          kind: src.kind,
          name: src.metadata.name,
          manager: src.dataChange?.manager ?? src.lastChange?.manager,
          consumption: c.mode,
          checksums: checksums(p),
        }),
      ),
      ...(keys ? { keys } : {}),
      ...(keys && keysFrom ? { keysFrom } : {}),
    });
  }
  return out;
}

/**
 * The sources a pod runs an older version of (ids), as the graph needs them — remembered per pod
 * object and valid while each source object (and the history) is the one it was made from: a
 * ConfigMap's node counts its stale consumers on every change of any of them, and a pod turning
 * not Ready does not change what it runs. The sources are read through `s` on every call, so a
 * derivation that records its reads records the same ones either way.
 */
export function driftedSources(p: Pod, s: Stores, history?: ConfigHistory): ReadonlySet<string> {
  const hit = driftMemo.get(p);
  const sources = hit?.sources ?? configSources(p);
  const objects = sources.map((id) => sourceObject(s, id));
  if (hit && hit.history === history && hit.objects.every((o, i) => o === objects[i])) return hit.drifted;
  const drifted = new Set(podDrift(p, s, history).map((d) => d.source));
  driftMemo.set(p, { sources, history, objects, drifted });
  return drifted;
}

interface DriftMemo {
  sources: string[];
  history?: ConfigHistory;
  objects: Array<KObject | undefined>;
  drifted: ReadonlySet<string>;
}

const driftMemo = new WeakMap<Pod, DriftMemo>();

/** A finding as a drift row carries it: its sentence and the parameters it was made from. */
const said = (f: Finding) => ({ reason: f.message, params: f.params });

/** The `data` kubectl last applied (from its annotation), or null when there is none or it is unreadable. */
export function lastAppliedData(cm: ConfigMap): Record<string, string> | null {
  const raw = cm.metadata.annotations?.[LAST_APPLIED];
  if (!raw) return null;
  try {
    return (JSON.parse(raw) as { data?: Record<string, string> }).data ?? {};
  } catch {
    return null;
  }
}

/** Keys whose live value differs from kubectl's last-applied configuration (ConfigMaps only). */
export function lastAppliedDiff(cm: ConfigMap): string[] | null {
  const a = lastAppliedData(cm);
  if (!a) return null;
  const live = cm.data ?? {};
  return [...new Set([...Object.keys(a), ...Object.keys(live)])].filter((k) => a[k] !== live[k]).sort();
}

export function driftReport(s: Stores, namespace: string | undefined, history?: ConfigHistory): DriftReport {
  const findings: Drift[] = [];
  for (const p of s.Pod.list(namespace)) findings.push(...podDrift(p, s, history));
  const drifted = new Map<string, Set<string>>();
  for (const f of findings) drifted.set(f.source, (drifted.get(f.source) ?? new Set()).add(f.pod));
  const sources: ConfigSource[] = [];
  for (const kind of ['ConfigMap', 'Secret'] as const) {
    for (const o of (kind === 'Secret' ? s.Secret : s.ConfigMap).list(namespace)) {
      const id = `${kind}/${o.metadata.namespace}/${o.metadata.name}`;
      sources.push({
        source: id,
        changed: changedAt(o) ?? null,
        changedBy: o.dataChange?.manager ?? o.lastChange?.manager ?? null,
        keys: dataKeys(o).sort(),
        lastAppliedDiff: kind === 'ConfigMap' ? lastAppliedDiff(o as ConfigMap) : null,
        consumers: s.Pod.byIndex('config', id).length,
        drifted: drifted.get(id)?.size ?? 0,
      });
    }
  }
  findings.sort((a, b) => a.pod.localeCompare(b.pod) || a.source.localeCompare(b.source));
  sources.sort((a, b) => a.source.localeCompare(b.source));
  return { findings, sources };
}
