/**
 * Every sentence a finding shows, made in one place from its code and parameters.
 * Derivations decide codes, severities and parameters; they never write sentences.
 */

import type { Consumption } from '@/lib/wire/topology';
import type { Finding, FindingCode, FindingParams, ParamsOf, Severity } from '@/lib/wire/findings';

const CONSEQUENCE: Record<Consumption, string> = {
  env: 'environment variables are read once at container start and never refresh: restart the pod',
  envFrom: 'environment variables are read once at container start and never refresh: restart the pod',
  subPath: 'subPath mounts are copied at container start and never refresh: restart the pod',
  volume: 'the kubelet refreshes the mounted files within about a minute, but the process may not reload them',
  projected: 'the kubelet refreshes the projected files within about a minute, but the process may not reload them',
};

type P = FindingParams;
const opt = (v: P[string] | undefined, before: string, after = ''): string =>
  v === undefined || v === '' ? '' : `${before}${v}${after}`;

const WORDS: Record<FindingCode, (p: P) => string> = {
  'statefulset.serviceMissing': (p) =>
    `serviceName ${p.service}: no such Service — per-pod DNS names (${p.statefulSet}-0.${p.service}) do not resolve`,
  'statefulset.serviceNotHeadless': (p) =>
    `serviceName ${p.service}: Service is not headless (clusterIP ${p.clusterIP}) — per-pod DNS names do not resolve`,
  'statefulset.generationNotObserved': (p) => `the controller has not yet observed generation ${p.generation}`,
  'statefulset.noneReady': (p) => `none of ${p.replicas} replicas Ready${opt(p.since, ' since ')}`,
  'statefulset.converging': (p) =>
    `${p.ready} of ${p.replicas} replicas Ready${p.rollingOut && p.updateRevision ? `, rolling out revision ${p.updateRevision}` : ''}`,
  'ordinal.noPodYet': (p) => `ordinal ${p.ordinal} has no pod yet`,
  'ordinal.notReady': (p) =>
    `ordinal ${p.ordinal} not Ready${opt(p.since, ' since ')}${p.why ? `: ${p.why}` : opt(p.state, ' (', ')')}` +
    `${p.onUpdateRevision ? ' on the update revision — the rollout is stuck here' : ''}${opt(p.blocks, ' — blocks ordinal ', ' (OrderedReady)')}`,
  'rollout.onDelete': (p) =>
    `OnDelete: ordinals ${p.ordinals} stay on revision ${p.currentRevision} until their pods are deleted`,
  'rollout.heldByPartition': (p) =>
    `rollout held at partition ${p.partition}: ordinals ${p.held} stay on ${p.currentRevision}, ordinals ≥ ${p.boundary} run ${p.updateRevision}`,
  'scale.downInProgress': (p) => `scaling down: ordinals ${p.ordinals} are still present`,
  'scale.retainedClaims': (p) =>
    `claims of removed ordinals kept by whenScaled: Retain: ${p.claims} — their data stays for a scale-up; ` +
    `when it is no longer needed: ${p.deleteCommand}`,
  'scale.orphanedClaims': (p) =>
    `claims of removed ordinals remain although whenScaled is ${p.whenScaled}: ${p.claims}`,
  'claim.deleting': (p) => `claim ${p.claim} is being deleted`,
  'claim.volumeHidden': (p) => `claim ${p.claim} is Bound to a volume you may not see (no access to PersistentVolumes)`,
  'claim.volumeNotVisible': (p) => `claim ${p.claim} Bound to ${p.volume}, which is not visible`,
  'claim.lost': (p) => `claim ${p.claim} Lost: its volume ${p.volume} is gone`,
  'claim.pendingNoStorageClass': (p) =>
    `claim ${p.claim} Pending: no StorageClass set and no default StorageClass, and no volume matches`,
  'claim.pendingMissingStorageClass': (p) => `claim ${p.claim} Pending: StorageClass ${p.storageClass} does not exist`,
  'claim.waitingForConsumerUnused': (p) =>
    `claim ${p.claim} Pending: waiting for a first consumer (WaitForFirstConsumer) and no pod uses it`,
  'claim.waitingForConsumer': (p) =>
    `claim ${p.claim} Pending: waiting for its pod to be scheduled (WaitForFirstConsumer)`,
  'claim.pending': (p) => `claim ${p.claim} Pending${opt(p.since, ' since ')}${opt(p.why, ': ')}`,
  'claim.retained': (p) =>
    `kept after a scale-down of StatefulSet ${p.statefulSet} (whenScaled: Retain): its data stays for a scale-up`,
  'claim.orphaned': (p) =>
    `orphaned: ordinal no longer part of StatefulSet ${p.statefulSet}, kept although whenScaled is ${p.whenScaled}`,
  'volume.released': (p) =>
    `Released: claim ${p.claim} was deleted; reclaimPolicy ${p.reclaimPolicy} keeps the volume, and no new claim can bind it until its claimRef is cleared`,
  'volume.failed': (p) => `Failed: ${p.why ?? 'reclamation failed'}`,
  'volume.notReady': (p) => `volume ${p.phase}`,
  'storageClass.missing': (p) => `StorageClass ${p.storageClass} does not exist`,
  'pod.terminating': () => 'Terminating',
  'pod.failing': (p) => `${p.state}${opt(p.why, ': ')}`,
  'pod.unschedulable': (p) => `Pending${opt(p.since, ' since ')}: ${p.why}`,
  'pod.notReady': (p) => `${p.state}, not Ready${opt(p.since, ' since ')}${opt(p.why, ': ')}`,
  'config.podsStale': (p) => `${p.pods} pod(s) run with an older version`,
  'config.lastAppliedDiffers': (p) => `live data differs from last-applied in ${p.keys}`,
  'drift.staleConfig': (p) =>
    `${p.kind} ${p.name} changed after the pod started (${p.manager ?? 'unknown manager'}); ${CONSEQUENCE[p.consumption as Consumption]}` +
    opt(
      p.checksums,
      '; the pod carries ',
      ' from when it was rendered, so the edit bypassed the chart and no rollout followed',
    ),
  'service.noSelector': () => 'no selector: endpoints are managed by hand (or by another controller)',
  'service.noEndpoints': () => 'no endpoints: traffic to this Service goes nowhere',
  'service.selectorMatchesNothing': (p) =>
    `selector ${p.selector} matches no pods: traffic to this Service goes nowhere`,
  'service.noPodReady': (p) => `all ${p.pods} selected pods are not Ready: ${p.notReady}`,
  'service.somePodsNotReady': (p) => `${p.count} of ${p.pods} selected pods not Ready: ${p.notReady}`,
  'service.publishNotReady': () => 'publishNotReadyAddresses: not-Ready pods still receive traffic and DNS records',
  'service.endpointsTerminating': (p) => `${p.count} endpoint(s) terminating: ${p.endpoints}`,
  'service.headlessWithoutHostnames': () =>
    'headless, but no endpoint has a hostname: pods do not set subdomain to this Service, so per-pod DNS names do not exist',
  'service.endpointsNotReady': (p) =>
    p.endpoints === 0 ? 'no endpoints yet' : `${p.notReady} of ${p.endpoints} endpoints not ready`,
  'endpointSlice.endpointsNotReady': (p) => `${p.notReady} of ${p.endpoints} endpoints not ready`,
};

/** A code without required parameters may be given none. */
type FindingArgs<C extends FindingCode> =
  object extends ParamsOf<C> ? [params?: ParamsOf<C>, subject?: string] : [params: ParamsOf<C>, subject?: string];

/**
 * A finding with its sentence. The parameters are the code's declared ones (FINDING_CODES), checked
 * when compiled; `undefined` ones are dropped, so the wire carries only what was known.
 */
export function finding<C extends FindingCode>(code: C, severity: Severity, ...rest: FindingArgs<C>): Finding {
  const [params = {}, subject] = rest;
  const p: P = {};
  for (const [k, v] of Object.entries(params) as [string, P[string] | undefined][]) if (v !== undefined) p[k] = v;
  return { code, severity, message: WORDS[code](p), params: p, ...(subject ? { subject } : {}) };
}

const KIND_WORDS: Record<string, [string, string]> = {
  PersistentVolumeClaim: ['claim', 'claims'],
  PersistentVolume: ['volume', 'volumes'],
  StorageClass: ['StorageClass', 'StorageClasses'],
  Pod: ['pod', 'pods'],
  StatefulSet: ['StatefulSet', 'StatefulSets'],
  Service: ['Service', 'Services'],
  EndpointSlice: ['EndpointSlice', 'EndpointSlices'],
  ConfigMap: ['ConfigMap', 'ConfigMaps'],
  Secret: ['Secret', 'Secrets'],
};

const AFFECTED_ORDER = ['PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'StatefulSet', 'Service', 'EndpointSlice'];

/** A problem's one line: its cause, why, and what it breaks (`affected<Kind>` counts in its params). */
export function problemTitle(code: string, p: P, causeMessage: string): string {
  const name = p.namespace ? `${p.namespace}/${p.name}` : String(p.name);
  const head =
    code === 'rollout.stuck'
      ? `Rollout of StatefulSet ${name} stuck at ordinal ${p.ordinal}: its pod not Ready${opt(p.since, ' since ')}${opt(p.why, ': ')}`
      : code === 'scale.retainedClaims'
        ? `StatefulSet ${name} keeps the claims of removed ordinals (whenScaled: Retain): ${p.claims}`
        : `${p.kind} ${name}: ${causeMessage}`;
  const parts = AFFECTED_ORDER.flatMap((k) => {
    const n = Number(p[`affected${k}`] ?? 0);
    return n ? [`${n} ${KIND_WORDS[k][n === 1 ? 0 : 1]}`] : [];
  });
  return parts.length && code !== 'scale.retainedClaims' ? `${head} — affects ${parts.join(', ')}` : head;
}
