import type { Health } from './topology';

/**
 * Findings are data: a stable code, a severity, the sentence made from them (server-side,
 * in one wording module), the object it is about, and the parameters the sentence was
 * made from (so any client can word it again). Health is decided from codes and
 * severities, never from the sentence. One row per code; README lists them.
 */
export type Severity = 'info' | 'warning' | 'error';

interface CodeSpec {
  /** A note explains without making anything unhealthy (an intended canary, a hand-managed Service). */
  note?: true;
  /** Summarizes counts already shown elsewhere: it sets health but is not listed in a `diagnosis`. */
  summary?: true;
}

export const FINDING_CODES = {
  'statefulset.serviceMissing': {},
  'statefulset.serviceNotHeadless': {},
  'statefulset.generationNotObserved': {},
  'statefulset.noneReady': { summary: true },
  'statefulset.converging': { summary: true },
  'ordinal.noPodYet': {},
  'ordinal.notReady': {},
  'rollout.onDelete': {},
  'rollout.heldByPartition': { note: true },
  'scale.downInProgress': {},
  // Claims of removed ordinals: kept on purpose by whenScaled: Retain (the default), a note; with
  // Delete the controller should have removed them, a warning.
  'scale.retainedClaims': { note: true },
  'scale.orphanedClaims': {},
  'claim.deleting': {},
  'claim.volumeNotVisible': {},
  'claim.volumeHidden': { note: true },
  'claim.lost': {},
  'claim.pendingNoStorageClass': {},
  'claim.pendingMissingStorageClass': {},
  'claim.waitingForConsumerUnused': {},
  'claim.waitingForConsumer': {},
  'claim.pending': {},
  'claim.retained': { note: true },
  'claim.orphaned': {},
  'volume.released': {},
  'volume.failed': {},
  'volume.notReady': {},
  'storageClass.missing': {},
  'pod.terminating': {},
  'pod.failing': {},
  'pod.unschedulable': {},
  'pod.notReady': {},
  'config.podsStale': {},
  'config.lastAppliedDiffers': { note: true },
  'drift.staleConfig': {},
  'service.noSelector': { note: true },
  'service.noEndpoints': { note: true },
  'service.selectorMatchesNothing': {},
  'service.noPodReady': {},
  'service.somePodsNotReady': {},
  'service.publishNotReady': { note: true },
  'service.endpointsTerminating': {},
  'service.headlessWithoutHostnames': { note: true },
  'service.endpointsNotReady': { summary: true },
  'endpointSlice.endpointsNotReady': {},
} as const satisfies Record<string, CodeSpec>;

export type FindingCode = keyof typeof FINDING_CODES;

export type FindingParams = Record<string, string | number | boolean>;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** The node id of the object it is about, when that is not the object carrying it. */
  subject?: string;
  params: FindingParams;
}

/** The health a severity stands for (a note's finding aside: see findingHealth). */
export const SEVERITY_HEALTH: Record<Severity, Health> = { info: 'progressing', warning: 'warning', error: 'error' };

/** What a finding does to its object's health: none for a note, else its severity's. */
export function findingHealth(f: Pick<Finding, 'code' | 'severity'>): Health {
  const spec: CodeSpec = FINDING_CODES[f.code];
  return spec.note ? 'ok' : SEVERITY_HEALTH[f.severity];
}

/** Listed in a `diagnosis`: everything but the summaries of counts. */
export function isListed(f: Pick<Finding, 'code'>): boolean {
  const spec: CodeSpec = FINDING_CODES[f.code];
  return !spec.summary;
}
