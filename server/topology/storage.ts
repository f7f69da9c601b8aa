import type { Health } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { PersistentVolume, PersistentVolumeClaim, StatefulSet, StorageClass } from '../cache/types';
import { latestWarning } from './pods';
import { CLAIM_STUCK_MS, olderThan, since } from './time';

/**
 * The storage chain: volumeClaimTemplate → claim per ordinal → volume → class, each
 * with a health and a one-line reason. Pure functions of the stores and `now`.
 */
export interface Assessment {
  status: Health;
  reason?: string;
}

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const DEFAULT_CLASS_BETA = 'storageclass.beta.kubernetes.io/is-default-class';

export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[DEFAULT_CLASS] === 'true' || a[DEFAULT_CLASS_BETA] === 'true';
}

export function defaultClass(s: Stores): StorageClass | undefined {
  return (s.StorageClass.list() as StorageClass[]).find(isDefaultClass);
}

/** The class a claim asks for: its own, or the default one when it names none (null means "none at all"). */
export function claimClassName(c: PersistentVolumeClaim, s: Stores): string | null {
  const own = c.spec?.storageClassName;
  if (own !== undefined && own !== null) return own === '' ? null : own;
  return defaultClass(s)?.metadata.name ?? null;
}

export function assessClaim(c: PersistentVolumeClaim, s: Stores, now: number): Assessment {
  const phase = c.status?.phase ?? 'Pending';
  const name = c.metadata.name;
  if (c.metadata.deletionTimestamp) return { status: 'progressing', reason: `claim ${name} is being deleted` };
  if (phase === 'Bound') {
    const pv = c.spec?.volumeName ? s.PersistentVolume.get(undefined, c.spec.volumeName) : undefined;
    if (c.spec?.volumeName && !pv) return { status: 'warning', reason: `claim ${name} Bound to ${c.spec.volumeName}, which is not visible` };
    return { status: 'ok' };
  }
  if (phase === 'Lost') return { status: 'error', reason: `claim ${name} Lost: its volume ${c.spec?.volumeName ?? '(unknown)'} is gone` };
  const cls = claimClassName(c, s);
  if (cls === null) {
    return { status: 'error', reason: `claim ${name} Pending: no StorageClass set and no default StorageClass, and no volume matches` };
  }
  const sc = s.StorageClass.get(undefined, cls) as StorageClass | undefined;
  if (!sc) return { status: 'error', reason: `claim ${name} Pending: StorageClass ${cls} does not exist` };
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !c.metadata.annotations?.['volume.kubernetes.io/selected-node']) {
    const consumers = s.Pod.byIndex('claim', `${c.metadata.namespace}/${name}`);
    if (consumers.length === 0) return { status: 'warning', reason: `claim ${name} Pending: waiting for a first consumer (WaitForFirstConsumer) and no pod uses it` };
    return { status: 'progressing', reason: `claim ${name} Pending: waiting for its pod to be scheduled (WaitForFirstConsumer)` };
  }
  const why = latestWarning(s, c.metadata.uid)?.message;
  const stuck = olderThan(c.metadata.creationTimestamp, CLAIM_STUCK_MS, now);
  return {
    status: stuck ? 'warning' : 'progressing',
    reason: `claim ${name} Pending for ${since(c.metadata.creationTimestamp, now)}${why ? `: ${why}` : ''}`,
  };
}

export function assessVolume(v: PersistentVolume): Assessment {
  const phase = v.status?.phase ?? 'Pending';
  const ref = v.spec?.claimRef;
  const claim = ref?.name ? `${ref.namespace}/${ref.name}` : undefined;
  switch (phase) {
    case 'Bound':
    case 'Available':
      return { status: 'ok' };
    case 'Released':
      return { status: 'warning', reason: `Released: claim ${claim ?? '(none)'} was deleted; reclaimPolicy ${v.spec?.persistentVolumeReclaimPolicy ?? 'Retain'} keeps the volume, and no new claim can bind it until its claimRef is cleared` };
    case 'Failed':
      return { status: 'error', reason: `Failed: ${v.status?.message ?? v.status?.reason ?? 'reclamation failed'}` };
    default:
      return { status: 'progressing', reason: `volume ${phase}` };
  }
}

/** Claims created from a StatefulSet's templates, by ordinal (including ordinals outside the current range). */
export function templateClaims(sts: StatefulSet, s: Stores): Map<number, PersistentVolumeClaim[]> {
  const out = new Map<number, PersistentVolumeClaim[]>();
  const templates = (sts.spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name);
  if (templates.length === 0) return out;
  const patterns = templates.map((t) => ({ t, prefix: `${t}-${sts.metadata.name}-` }));
  for (const c of s.PersistentVolumeClaim.list(sts.metadata.namespace)) {
    for (const { prefix } of patterns) {
      if (!c.metadata.name.startsWith(prefix)) continue;
      const rest = c.metadata.name.slice(prefix.length);
      if (!/^(0|[1-9]\d*)$/.test(rest)) continue;
      const ord = Number(rest);
      out.set(ord, [...(out.get(ord) ?? []), c]);
    }
  }
  return out;
}

export function ordinalRange(sts: StatefulSet): { start: number; end: number } {
  const start = sts.spec.ordinals?.start ?? 0;
  return { start, end: start + (sts.spec.replicas ?? 1) };
}

/** Claims of ordinals outside [start, start+replicas): left behind by a scale-down under whenScaled: Retain. */
export function orphanedClaims(sts: StatefulSet, byOrdinal: Map<number, PersistentVolumeClaim[]>): PersistentVolumeClaim[] {
  const { start, end } = ordinalRange(sts);
  const out: PersistentVolumeClaim[] = [];
  for (const [ord, claims] of byOrdinal) if (ord < start || ord >= end) out.push(...claims);
  return out.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
