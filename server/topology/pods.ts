import { findingHealth, type Finding } from '@/lib/wire/findings';
import { inTrouble } from '@/lib/wire/health';
import type { Health } from '@/lib/wire/topology';
import type { KEvent, Pod, StatefulSet } from '../cache/types';
import type { Stores } from '../cache/indexes';
import { olderThan, POD_STUCK_MS } from './time';
import { finding } from './wording';

/** Facts about a pod the derivations share. */
export function isReady(p: Pod): boolean {
  return (
    !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

/** The STATUS kubectl would print: the waiting/terminated reason of a container, Terminating, or the phase. */
export function podState(p: Pod): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  for (const cs of p.status?.containerStatuses ?? []) {
    if (cs.state?.waiting?.reason) return cs.state.waiting.reason;
    if (cs.state?.terminated?.reason) return cs.state.terminated.reason;
  }
  return p.status?.reason ?? p.status?.phase ?? 'Unknown';
}

const HARD_FAILURES = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'InvalidImageName',
  'Error',
  'OOMKilled',
  'Failed',
]);

export function isFailing(p: Pod): boolean {
  return HARD_FAILURES.has(podState(p)) || p.status?.phase === 'Failed';
}

/** Since when the pod has not been Ready: the Ready condition's transition, else its creation. */
export function notReadySince(p: Pod): string | undefined {
  const ready = (p.status?.conditions ?? []).find((c) => c.type === 'Ready');
  return ready?.lastTransitionTime ?? p.metadata.creationTimestamp;
}

export function unschedulableMessage(p: Pod): string | undefined {
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'PodScheduled' && x.status === 'False');
  return c?.message ?? c?.reason;
}

export function revisionOf(p: Pod): string | undefined {
  return p.metadata.labels?.['controller-revision-hash'];
}

export function ordinalOf(sts: StatefulSet, p: { metadata: { name: string } }): number | undefined {
  const prefix = `${sts.metadata.name}-`;
  if (!p.metadata.name.startsWith(prefix)) return undefined;
  const rest = p.metadata.name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

/** When an event last happened: lastTimestamp (core/v1), else eventTime (events.k8s.io), else its creation. */
export function eventTime(e: KEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
}

/** The newest event about an object (by uid) that `match` accepts. */
export function latestEvent(s: Stores, uid: string | undefined, match: (e: KEvent) => boolean): KEvent | undefined {
  if (!uid) return undefined;
  let best: KEvent | undefined;
  for (const e of s.Event.byIndex('involved', uid)) {
    if (!match(e)) continue;
    if (!best || eventTime(e) >= eventTime(best)) best = e;
  }
  return best;
}

/** The newest Warning event about an object, for "why" in diagnoses. */
export function latestWarning(s: Stores, uid: string | undefined): KEvent | undefined {
  return latestEvent(s, uid, (e) => e.type === 'Warning');
}

/** The StatefulSet that controls a pod (its controller ownerReference), when the cache holds it. */
export function ownerStatefulSet(p: Pod, s: Stores): StatefulSet | undefined {
  const ref = (p.metadata.ownerReferences ?? []).find((r) => r.kind === 'StatefulSet' && r.controller);
  return ref ? s.StatefulSet.get(p.metadata.namespace, ref.name) : undefined;
}

/** A pod whose own health says it is stuck (warning or error), not merely starting. */
export function podStuck(p: Pod, s: Stores, now: number): boolean {
  return inTrouble(podHealth(p, s, now).status);
}

/** A pod's health and the finding behind it, the one place they are decided (graph nodes, ordinals and the lane read it). */
export function podHealth(p: Pod, s: Stores, now: number): { status: Health; finding?: Finding } {
  const state = podState(p);
  const of = (f: Finding) => ({ status: findingHealth(f), finding: f });
  if (p.metadata.deletionTimestamp) return of(finding('pod.terminating', 'info'));
  if (p.status?.phase === 'Succeeded') return { status: 'ok' };
  if (isFailing(p)) return of(finding('pod.failing', 'error', { state, why: p.status?.message }));
  if (isReady(p)) return { status: 'ok' };
  const pending = unschedulableMessage(p);
  const warning = latestWarning(s, p.metadata.uid)?.message;
  const stuck = olderThan(notReadySince(p), POD_STUCK_MS, now);
  if (pending)
    return of(
      finding('pod.unschedulable', stuck ? 'error' : 'warning', { since: p.metadata.creationTimestamp, why: pending }),
    );
  return of(
    finding('pod.notReady', stuck || warning ? 'warning' : 'info', { state, since: notReadySince(p), why: warning }),
  );
}
