import { worstHealth } from '@/lib/wire/health';
import type { Health, Ordinal, StatefulSetDetail } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { Pod, PersistentVolumeClaim, Service, StatefulSet } from '../cache/types';
import { isReady, latestWarning, notReadySince, ordinalOf, podHealth, podState, revisionOf, unschedulableMessage } from './pods';
import { recentEvents } from './events';
import { assessClaim, orphanedClaims, ordinalRange, templateClaims } from './storage';
import { olderThan, POD_STUCK_MS, since } from './time';

/**
 * StatefulSet ordinals: each ordinal of [start, start+replicas) and any leftover,
 * with pod, phase, readiness, revision and claims; then a diagnosis in words when
 * the set is not converging, and a health for the graph.
 */
function claimEntry(c: PersistentVolumeClaim | undefined, name: string): Ordinal['pvcs'][number] {
  return { name, phase: c ? (c.status?.phase ?? 'Pending') : 'Missing', volume: c?.spec?.volumeName ?? null, storageClass: c?.spec?.storageClassName ?? null };
}

/** A set's pods and template claims by ordinal, gathered once per derivation. */
interface SetView {
  pods: Map<number, Pod>;
  claims: Map<number, PersistentVolumeClaim[]>;
}

function viewOf(sts: StatefulSet, s: Stores): SetView {
  return { pods: podsByOrdinal(sts, s), claims: templateClaims(sts, s) };
}

function podsByOrdinal(sts: StatefulSet, s: Stores): Map<number, Pod> {
  const out = new Map<number, Pod>();
  for (const p of s.Pod.byIndex('owner', sts.metadata.uid)) {
    const ord = ordinalOf(sts, p);
    if (ord !== undefined) out.set(ord, p);
  }
  return out;
}

export function ordinalsOf(sts: StatefulSet, s: Stores, now: number, v: SetView = viewOf(sts, s)): Ordinal[] {
  const { start, end } = ordinalRange(sts);
  const { pods, claims } = v;
  const templates = (sts.spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name);
  const update = sts.status?.updateRevision;
  const all = new Set<number>([...pods.keys(), ...claims.keys()]);
  for (let o = start; o < end; o++) all.add(o);
  return [...all]
    .sort((a, b) => a - b)
    .map((ord) => {
      const pod = pods.get(ord);
      const own = claims.get(ord) ?? [];
      const pvcs = templates.map((t) => {
        const name = `${t}-${sts.metadata.name}-${ord}`;
        return claimEntry(own.find((c) => c.metadata.name === name), name);
      }).filter((c) => c.phase !== 'Missing' || (ord >= start && ord < end));
      const rev = pod ? (revisionOf(pod) ?? null) : null;
      const orphan = ord < start || ord >= end;
      return {
        ordinal: ord,
        pod: pod?.metadata.name ?? null,
        phase: pod ? podState(pod) : 'Absent',
        ready: pod ? isReady(pod) : false,
        revision: rev,
        updated: !!rev && rev === update,
        pvcs,
        // A leftover ordinal is a warning whatever its pod; a missing pod is still to come.
        status: orphan ? 'warning' : pod ? podHealth(pod, s, now).status : 'progressing',
        ...(orphan ? { orphan: true } : {}),
      };
    });
}

function partitionOf(sts: StatefulSet): number {
  return sts.spec.updateStrategy?.type === 'OnDelete' ? 0 : (sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0);
}

interface Finding {
  text: string;
  health: Health;
}

function serviceFindings(sts: StatefulSet, s: Stores): Finding[] {
  const name = sts.spec.serviceName;
  if (!name) return [];
  const svc = s.Service.get(sts.metadata.namespace, name) as Service | undefined;
  if (!svc) return [{ text: `serviceName ${name}: no such Service — per-pod DNS names (${sts.metadata.name}-0.${name}) do not resolve`, health: 'warning' }];
  if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return [{ text: `serviceName ${name}: Service is not headless (clusterIP ${svc.spec.clusterIP}) — per-pod DNS names do not resolve`, health: 'warning' }];
  return [];
}

function ordinalFindings(sts: StatefulSet, s: Stores, v: SetView, now: number): Finding[] {
  const out: Finding[] = [];
  const { start, end } = ordinalRange(sts);
  const { pods, claims } = v;
  const ordered = (sts.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const update = sts.status?.updateRevision;
  for (let ord = start; ord < end; ord++) {
    for (const c of claims.get(ord) ?? []) {
      const a = assessClaim(c, s, now);
      if (a.status !== 'ok' && a.reason) out.push({ text: a.reason, health: a.status });
    }
    const pod = pods.get(ord);
    if (!pod) {
      const blocked = ordered && [...pods.entries()].some(([o, p]) => o < ord && !isReady(p));
      if (!blocked && ord > start && !ordered) out.push({ text: `ordinal ${ord} has no pod yet`, health: 'progressing' });
      continue;
    }
    if (isReady(pod)) continue;
    const next = ord + 1 < end ? ` — blocks ordinal ${ord + 1} (OrderedReady)` : '';
    const onUpdate = !!update && revisionOf(pod) === update && sts.status?.currentRevision !== update;
    const rollout = onUpdate ? ' on the update revision — the rollout is stuck here' : '';
    const state = podState(pod);
    const pending = unschedulableMessage(pod);
    const warning = latestWarning(s, pod.metadata.uid)?.message;
    const detail = pending ? `: ${pending}` : warning ? `: ${warning}` : state !== 'Running' ? ` (${state})` : '';
    const age = since(notReadySince(pod), now);
    out.push({ text: `ordinal ${ord} not Ready for ${age}${detail}${rollout}${ordered ? next : ''}`, health: podHealth(pod, s, now).status });
  }
  return out;
}

function rolloutFindings(sts: StatefulSet, v: SetView): Finding[] {
  const cur = sts.status?.currentRevision;
  const upd = sts.status?.updateRevision;
  const out: Finding[] = [];
  if ((sts.status?.observedGeneration ?? 0) < (sts.metadata.generation ?? 0)) out.push({ text: `the controller has not yet observed generation ${sts.metadata.generation}`, health: 'progressing' });
  if (!cur || !upd || cur === upd) return out;
  const { start, end } = ordinalRange(sts);
  const pods = v.pods;
  const partition = partitionOf(sts);
  const stale = [...pods.entries()].filter(([o, p]) => o >= start && o < end && revisionOf(p) !== upd).map(([o]) => o);
  if (sts.spec.updateStrategy?.type === 'OnDelete') {
    if (stale.length) out.push({ text: `OnDelete: ordinals ${stale.join(', ')} stay on revision ${cur} until their pods are deleted`, health: 'progressing' });
    return out;
  }
  const held = stale.filter((o) => o < start + partition);
  // A partition holding ordinals back is intended (a canary), not a fault.
  if (held.length && held.length === stale.length) out.push({ text: `rollout held at partition ${partition}: ordinals ${held.join(', ')} stay on ${cur}, ordinals ≥ ${start + partition} run ${upd}`, health: 'ok' });
  return out;
}

function scaleFindings(sts: StatefulSet, v: SetView): Finding[] {
  const out: Finding[] = [];
  const { start, end } = ordinalRange(sts);
  const extra = [...v.pods.keys()].filter((o) => o < start || o >= end).sort((a, b) => b - a);
  if (extra.length) out.push({ text: `scaling down: ordinals ${extra.join(', ')} are still present`, health: 'progressing' });
  const orphans = orphanedClaims(sts, v.claims);
  if (orphans.length) {
    const policy = sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain';
    out.push({ text: `claims of removed ordinals remain: ${orphans.map((c) => c.metadata.name).join(', ')} (whenScaled: ${policy})`, health: 'warning' });
  }
  return out;
}

export function diagnose(sts: StatefulSet, s: Stores, now: number, v: SetView = viewOf(sts, s)): { diagnosis: string[]; health: Health } {
  const findings = [...serviceFindings(sts, s), ...ordinalFindings(sts, s, v, now), ...rolloutFindings(sts, v), ...scaleFindings(sts, v)];
  const replicas = sts.spec.replicas ?? 1;
  const ready = sts.status?.readyReplicas ?? 0;
  let health = worstHealth(findings.map((f) => f.health));
  if (replicas > 0 && ready === 0 && health !== 'error' && olderThan(sts.metadata.creationTimestamp, POD_STUCK_MS, now)) health = 'error';
  const held = findings.some((f) => f.text.startsWith('rollout held at partition'));
  if (health === 'ok' && (ready < replicas || (!held && sts.status?.currentRevision !== sts.status?.updateRevision))) health = 'progressing';
  return { diagnosis: findings.map((f) => f.text), health };
}

export function statefulSetDetail(sts: StatefulSet, s: Stores, now: number): StatefulSetDetail {
  const v = viewOf(sts, s);
  const { diagnosis } = diagnose(sts, s, now, v);
  return {
    name: sts.metadata.name,
    namespace: sts.metadata.namespace ?? '',
    replicas: sts.spec.replicas ?? 1,
    readyReplicas: sts.status?.readyReplicas ?? 0,
    currentRevision: sts.status?.currentRevision ?? '',
    updateRevision: sts.status?.updateRevision ?? '',
    partition: partitionOf(sts),
    podManagementPolicy: sts.spec.podManagementPolicy ?? 'OrderedReady',
    updateStrategy: sts.spec.updateStrategy?.type ?? 'RollingUpdate',
    serviceName: sts.spec.serviceName ?? '',
    ordinalsStart: sts.spec.ordinals?.start ?? 0,
    retention: {
      whenDeleted: sts.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain',
      whenScaled: sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain',
    },
    ordinals: ordinalsOf(sts, s, now, v),
    diagnosis,
    events: recentEvents(s, [
      sts.metadata.uid,
      ...[...v.pods.values()].map((p) => p.metadata.uid),
      ...[...v.claims.values()].flat().map((c) => c.metadata.uid),
    ]),
  };
}
