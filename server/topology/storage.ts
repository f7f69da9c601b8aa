/**
 * The storage chain: volumeClaimTemplate → claim per ordinal → volume → class, each
 * with a health and the finding behind it. Pure functions of the stores and `now`.
 */

import { findingHealth, type Finding } from '@/lib/wire/findings';
import type { Health } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { PersistentVolume, PersistentVolumeClaim, StatefulSet, StorageClass } from '../cache/types';
import { latestWarning } from './pods';
import { CLAIM_STUCK_MS, olderThan } from './time';
import { finding } from './wording';

export interface Assessment {
  status: Health;
  finding?: Finding;
}

/** Health follows from the finding (none: ok). */
function assessed(f?: Finding): Assessment {
  return f ? { status: findingHealth(f), finding: f } : { status: 'ok' };
}

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const DEFAULT_CLASS_BETA = 'storageclass.beta.kubernetes.io/is-default-class';

export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[DEFAULT_CLASS] === 'true' || a[DEFAULT_CLASS_BETA] === 'true';
}

export function defaultClass(s: Stores): StorageClass | undefined {
  return s.StorageClass.list().find(isDefaultClass);
}

/** The class a claim asks for: its own, or the default one when it names none (null means "none at all"). */
export function claimClassName(c: PersistentVolumeClaim, s: Stores): string | null {
  const own = c.spec?.storageClassName;
  if (own !== undefined && own !== null) return own === '' ? null : own;
  return defaultClass(s)?.metadata.name ?? null;
}

export function assessClaim(c: PersistentVolumeClaim, s: Stores, now: number): Assessment {
  const phase = c.status?.phase ?? 'Pending';
  const claim = c.metadata.name;
  if (c.metadata.deletionTimestamp) return assessed(finding('claim.deleting', 'info', { claim }));
  if (phase === 'Bound') {
    if (!c.spec?.volumeName) return assessed();
    // The viewer may not list volumes: the claim's own phase is all there is to say, and not the volume's name.
    if (s.PersistentVolume.hidden()) return assessed(finding('claim.volumeHidden', 'info', { claim }));
    const pv = s.PersistentVolume.get(undefined, c.spec.volumeName);
    if (!pv) return assessed(finding('claim.volumeNotVisible', 'warning', { claim, volume: c.spec.volumeName }));
    return assessed();
  }
  if (phase === 'Lost') {
    const volume = s.PersistentVolume.hidden() ? '(hidden)' : (c.spec?.volumeName ?? '(unknown)');
    return assessed(finding('claim.lost', 'error', { claim, volume }));
  }
  const cls = claimClassName(c, s);
  if (cls === null) return assessed(finding('claim.pendingNoStorageClass', 'error', { claim }));
  const sc = s.StorageClass.get(undefined, cls);
  if (!sc && !s.StorageClass.hidden())
    return assessed(finding('claim.pendingMissingStorageClass', 'error', { claim, storageClass: cls }));
  if (
    sc?.volumeBindingMode === 'WaitForFirstConsumer' &&
    !c.metadata.annotations?.['volume.kubernetes.io/selected-node']
  ) {
    const consumers = s.Pod.byIndex('claim', `${c.metadata.namespace}/${claim}`);
    if (consumers.length === 0) return assessed(finding('claim.waitingForConsumerUnused', 'warning', { claim }));
    return assessed(finding('claim.waitingForConsumer', 'info', { claim }));
  }
  const stuck = olderThan(c.metadata.creationTimestamp, CLAIM_STUCK_MS, now);
  return assessed(
    finding('claim.pending', stuck ? 'warning' : 'info', {
      claim,
      since: c.metadata.creationTimestamp,
      why: latestWarning(s, c.metadata.uid)?.message,
    }),
  );
}

export function assessVolume(v: PersistentVolume): Assessment {
  const phase = v.status?.phase ?? 'Pending';
  const ref = v.spec?.claimRef;
  switch (phase) {
    case 'Bound':
    case 'Available':
      return assessed();
    case 'Released':
      return assessed(
        finding('volume.released', 'warning', {
          claim: ref?.name ? `${ref.namespace}/${ref.name}` : '(none)',
          reclaimPolicy: v.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
        }),
      );
    case 'Failed':
      return assessed(finding('volume.failed', 'error', { why: v.status?.message ?? v.status?.reason }));
    default:
      return assessed(finding('volume.notReady', 'info', { phase }));
  }
}

/** Claims created from a StatefulSet's templates, by ordinal (including ordinals outside the current range). */
export function templateClaims(sts: StatefulSet, s: Stores): Map<number, PersistentVolumeClaim[]> {
  const out = new Map<number, PersistentVolumeClaim[]>();
  const templates = (sts.spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name);
  if (templates.length === 0) return out;
  const found: Array<[number, PersistentVolumeClaim]> = [];
  for (const t of templates) {
    const stem = `${t}-${sts.metadata.name}`;
    for (const c of s.PersistentVolumeClaim.byIndex('stem', `${sts.metadata.namespace}/${stem}`)) {
      found.push([Number(c.metadata.name.slice(stem.length + 1)), c]);
    }
  }
  // In claim-name order, as a scan of the namespace met them.
  found.sort(([, a], [, b]) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  for (const [ord, c] of found) out.set(ord, [...(out.get(ord) ?? []), c]);
  return out;
}

export function ordinalRange(sts: StatefulSet): { start: number; end: number } {
  const start = sts.spec.ordinals?.start ?? 0;
  return { start, end: start + (sts.spec.replicas ?? 1) };
}

/** Claims of ordinals outside [start, start+replicas): left behind by a scale-down under whenScaled: Retain. */
export function orphanedClaims(
  sts: StatefulSet,
  byOrdinal: Map<number, PersistentVolumeClaim[]>,
): PersistentVolumeClaim[] {
  const { start, end } = ordinalRange(sts);
  const out: PersistentVolumeClaim[] = [];
  for (const [ord, claims] of byOrdinal) if (ord < start || ord >= end) out.push(...claims);
  return out.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
