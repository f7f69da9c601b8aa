import { words } from '@/lib/kubectl';
import { worstHealth } from '@/lib/wire/health';
import { findingHealth, isListed, type Finding, type Severity } from '@/lib/wire/findings';
import { nodeId, type Health, type Ordinal, type StatefulSetDetail } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { Pod, PersistentVolumeClaim, StatefulSet } from '../cache/types';
import {
  isReady,
  latestWarning,
  notReadySince,
  ordinalOf,
  podHealth,
  podState,
  revisionOf,
  unschedulableMessage,
} from './pods';
import { recentEvents } from './events';
import { assessClaim, orphanedClaims, ordinalRange, templateClaims } from './storage';
import { olderThan, POD_STUCK_MS } from './time';
import { finding } from './wording';

/** `volumesHidden`: the viewer may not list volumes, so none is named. */
function claimEntry(
  c: PersistentVolumeClaim | undefined,
  name: string,
  volumesHidden: boolean,
): Ordinal['pvcs'][number] {
  const volume = volumesHidden ? null : (c?.spec?.volumeName ?? null);
  return {
    name,
    phase: c ? (c.status?.phase ?? 'Pending') : 'Missing',
    volume,
    storageClass: c?.spec?.storageClassName ?? null,
  };
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

/**
 * StatefulSet ordinals: each ordinal of [start, start+replicas) and any leftover,
 * with pod, phase, readiness, revision and claims; then the findings when the set is
 * not converging (worded in wording.ts), and its health from their codes and severities.
 */
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
      const pvcs = templates
        .map((t) => {
          const name = `${t}-${sts.metadata.name}-${ord}`;
          return claimEntry(
            own.find((c) => c.metadata.name === name),
            name,
            s.PersistentVolume.hidden(),
          );
        })
        .filter((c) => c.phase !== 'Missing' || (ord >= start && ord < end));
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
        status: cellStatus(sts, orphan, pod ? podHealth(pod, s, now).status : undefined),
        ...(orphan ? { orphan: true } : {}),
      };
    });
}

/**
 * An ordinal cell's health: its pod's; a pod still to come is progressing. A leftover ordinal (its
 * pod going away, or only its claims left) is progressing while its pod terminates, then fine when
 * whenScaled: Retain keeps its claims on purpose, a warning when Delete should have removed them.
 */
function cellStatus(sts: StatefulSet, orphan: boolean, pod: Health | undefined): Health {
  if (!orphan) return pod ?? 'progressing';
  if (pod) return 'progressing';
  return (sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain') === 'Retain' ? 'ok' : 'warning';
}

function partitionOf(sts: StatefulSet): number {
  return sts.spec.updateStrategy?.type === 'OnDelete' ? 0 : (sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0);
}

function serviceFindings(sts: StatefulSet, s: Stores): Finding[] {
  const service = sts.spec.serviceName;
  if (!service) return [];
  const svc = s.Service.get(sts.metadata.namespace, service);
  if (!svc) return [finding('statefulset.serviceMissing', 'warning', { service, statefulSet: sts.metadata.name })];
  if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None')
    return [finding('statefulset.serviceNotHeadless', 'warning', { service, clusterIP: svc.spec.clusterIP })];
  return [];
}

function ordinalFindings(sts: StatefulSet, s: Stores, v: SetView, now: number): Finding[] {
  const out: Finding[] = [];
  const { start, end } = ordinalRange(sts);
  const { pods, claims } = v;
  const ordered = (sts.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const update = sts.status?.updateRevision;
  const ns = sts.metadata.namespace;
  for (let ord = start; ord < end; ord++) {
    for (const c of claims.get(ord) ?? []) {
      const f = assessClaim(c, s, now).finding;
      if (f && findingHealth(f) !== 'ok')
        out.push({ ...f, subject: nodeId('PersistentVolumeClaim', ns, c.metadata.name) });
    }
    const pod = pods.get(ord);
    // Pods the viewer may not list are not missing: nothing is said of them.
    if (!pod && s.Pod.hidden(ns)) continue;
    if (!pod) {
      const blocked = ordered && [...pods.entries()].some(([o, p]) => o < ord && !isReady(p));
      if (!blocked && ord > start && !ordered) out.push(finding('ordinal.noPodYet', 'info', { ordinal: ord }));
      continue;
    }
    if (isReady(pod)) continue;
    const state = podState(pod);
    out.push(
      finding(
        'ordinal.notReady',
        podSeverity(podHealth(pod, s, now).status),
        {
          ordinal: ord,
          since: notReadySince(pod),
          why: unschedulableMessage(pod) ?? latestWarning(s, pod.metadata.uid)?.message,
          state: state !== 'Running' ? state : undefined,
          onUpdateRevision: !!update && revisionOf(pod) === update && sts.status?.currentRevision !== update,
          blocks: ordered && ord + 1 < end ? ord + 1 : undefined,
        },
        nodeId('Pod', ns, pod.metadata.name),
      ),
    );
  }
  return out;
}

/** An ordinal finding is as severe as its pod is unhealthy. */
function podSeverity(h: Health): Severity {
  return h === 'error' ? 'error' : h === 'warning' ? 'warning' : 'info';
}

function rolloutFindings(sts: StatefulSet, v: SetView): Finding[] {
  const cur = sts.status?.currentRevision;
  const upd = sts.status?.updateRevision;
  const out: Finding[] = [];
  if ((sts.status?.observedGeneration ?? 0) < (sts.metadata.generation ?? 0))
    out.push(finding('statefulset.generationNotObserved', 'info', { generation: sts.metadata.generation ?? 0 }));
  if (!cur || !upd || cur === upd) return out;
  const { start, end } = ordinalRange(sts);
  const partition = partitionOf(sts);
  const stale = [...v.pods.entries()]
    .filter(([o, p]) => o >= start && o < end && revisionOf(p) !== upd)
    .map(([o]) => o);
  if (sts.spec.updateStrategy?.type === 'OnDelete') {
    if (stale.length)
      out.push(finding('rollout.onDelete', 'info', { ordinals: stale.join(', '), currentRevision: cur }));
    return out;
  }
  const held = stale.filter((o) => o < start + partition);
  // A partition holding ordinals back is intended (a canary), not a fault: a note.
  if (held.length && held.length === stale.length) {
    out.push(
      finding('rollout.heldByPartition', 'info', {
        partition,
        held: held.join(', '),
        currentRevision: cur,
        boundary: start + partition,
        updateRevision: upd,
      }),
    );
  }
  return out;
}

function scaleFindings(sts: StatefulSet, v: SetView): Finding[] {
  const out: Finding[] = [];
  const { start, end } = ordinalRange(sts);
  const extra = [...v.pods.keys()].filter((o) => o < start || o >= end).sort((a, b) => b - a);
  if (extra.length) out.push(finding('scale.downInProgress', 'info', { ordinals: extra.join(', ') }));
  const orphans = orphanedClaims(sts, v.claims);
  if (orphans.length) {
    const whenScaled = sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain';
    const claims = orphans.map((c) => c.metadata.name);
    if (whenScaled === 'Retain') {
      const deleteCommand = words('kubectl', 'delete', 'pvc', '-n', sts.metadata.namespace ?? '', ...claims);
      out.push(finding('scale.retainedClaims', 'info', { claims: claims.join(', '), whenScaled, deleteCommand }));
    } else out.push(finding('scale.orphanedClaims', 'warning', { claims: claims.join(', '), whenScaled }));
  }
  return out;
}

/** Counts that the findings above do not explain: none Ready for too long, or still converging. */
export function summaryFindings(sts: StatefulSet, found: Finding[], now: number): Finding[] {
  const replicas = sts.spec.replicas ?? 1;
  const ready = sts.status?.readyReplicas ?? 0;
  const health = worstHealth(found.map(findingHealth));
  if (
    replicas > 0 &&
    ready === 0 &&
    health !== 'error' &&
    olderThan(sts.metadata.creationTimestamp, POD_STUCK_MS, now)
  ) {
    return [finding('statefulset.noneReady', 'error', { replicas, since: sts.metadata.creationTimestamp })];
  }
  const held = found.some((f) => f.code === 'rollout.heldByPartition');
  const rollingOut = !held && sts.status?.currentRevision !== sts.status?.updateRevision;
  if (health === 'ok' && (ready < replicas || rollingOut)) {
    return [
      finding('statefulset.converging', 'info', {
        ready,
        replicas,
        rollingOut,
        updateRevision: sts.status?.updateRevision,
      }),
    ];
  }
  return [];
}

/** The set's findings (in the order the diagnosis lists them, then the summaries), its health from them, and the diagnosis in words. */
export function diagnose(
  sts: StatefulSet,
  s: Stores,
  now: number,
  v: SetView = viewOf(sts, s),
): { findings: Finding[]; diagnosis: string[]; health: Health } {
  const found = [
    ...serviceFindings(sts, s),
    ...ordinalFindings(sts, s, v, now),
    ...rolloutFindings(sts, v),
    ...scaleFindings(sts, v),
  ];
  const findings = [...found, ...summaryFindings(sts, found, now)];
  return {
    findings,
    diagnosis: findings.filter(isListed).map((f) => f.message),
    health: worstHealth(findings.map(findingHealth)),
  };
}

export function statefulSetDetail(sts: StatefulSet, s: Stores, now: number): StatefulSetDetail {
  const v = viewOf(sts, s);
  const { diagnosis, findings } = diagnose(sts, s, now, v);
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
    findings,
    events: recentEvents(s, [
      sts.metadata.uid,
      ...[...v.pods.values()].map((p) => p.metadata.uid),
      ...[...v.claims.values()].flat().map((c) => c.metadata.uid),
    ]),
  };
}
