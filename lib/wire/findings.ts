import type { Health } from './topology';

/**
 * Findings are data: a stable code, a severity, the sentence made from them (server-side,
 * in one wording module), the object it is about, and the parameters the sentence was
 * made from (so any client can word it again). Health is decided from codes and
 * severities, never from the sentence. One row per code; README lists them.
 */
export type Severity = 'info' | 'warning' | 'error';

interface CodeSpec {
  /**
   * The parameters its sentence is made from, by name (`?`: may be absent, and the wire then omits it).
   * `finding()` takes exactly these; a catalog's message for the code uses some of them, the same in
   * every catalog (lib/i18n/catalog.test.ts).
   */
  params: readonly string[];
  /** A note explains without making anything unhealthy (an intended canary, a hand-managed Service). */
  note?: true;
  /** Summarizes counts already shown elsewhere: it sets health but is not listed in a `diagnosis`. */
  summary?: true;
}

export const FINDING_CODES = {
  'statefulset.serviceMissing': { params: ['service', 'statefulSet'] },
  'statefulset.serviceNotHeadless': { params: ['service', 'clusterIP'] },
  'statefulset.generationNotObserved': { params: ['generation'] },
  'statefulset.noneReady': { params: ['replicas', 'since?'], summary: true },
  'statefulset.converging': { params: ['ready', 'replicas', 'rollingOut?', 'updateRevision?'], summary: true },
  'ordinal.noPodYet': { params: ['ordinal'] },
  'ordinal.notReady': { params: ['ordinal', 'since?', 'why?', 'state?', 'onUpdateRevision?', 'blocks?'] },
  'rollout.onDelete': { params: ['ordinals', 'currentRevision'] },
  'rollout.heldByPartition': {
    params: ['partition', 'held', 'currentRevision', 'boundary', 'updateRevision'],
    note: true,
  },
  'scale.downInProgress': { params: ['ordinals'] },
  // Claims of removed ordinals: kept on purpose by whenScaled: Retain (the default), a note; with
  // Delete the controller should have removed them, a warning.
  'scale.retainedClaims': { params: ['claims', 'whenScaled', 'deleteCommand'], note: true },
  'scale.orphanedClaims': { params: ['claims', 'whenScaled'] },
  'claim.deleting': { params: ['claim'] },
  'claim.volumeNotVisible': { params: ['claim', 'volume'] },
  'claim.volumeHidden': { params: ['claim'], note: true },
  'claim.lost': { params: ['claim', 'volume'] },
  'claim.pendingNoStorageClass': { params: ['claim'] },
  'claim.pendingMissingStorageClass': { params: ['claim', 'storageClass'] },
  'claim.waitingForConsumerUnused': { params: ['claim'] },
  'claim.waitingForConsumer': { params: ['claim'] },
  'claim.pending': { params: ['claim', 'since?', 'why?'] },
  'claim.retained': { params: ['statefulSet', 'whenScaled'], note: true },
  'claim.orphaned': { params: ['statefulSet', 'whenScaled'] },
  'volume.released': { params: ['claim', 'reclaimPolicy'] },
  'volume.failed': { params: ['why?'] },
  'volume.notReady': { params: ['phase'] },
  'storageClass.missing': { params: ['storageClass'] },
  'pod.terminating': { params: [] },
  'pod.failing': { params: ['state', 'why?'] },
  'pod.unschedulable': { params: ['since?', 'why'] },
  'pod.notReady': { params: ['state', 'since?', 'why?'] },
  'config.podsStale': { params: ['pods'] },
  'config.lastAppliedDiffers': { params: ['keys'], note: true },
  'drift.staleConfig': { params: ['kind', 'name', 'manager?', 'consumption', 'checksums?'] },
  'service.noSelector': { params: [], note: true },
  'service.noEndpoints': { params: [], note: true },
  'service.selectorMatchesNothing': { params: ['selector'] },
  'service.noPodReady': { params: ['pods', 'notReady'] },
  'service.somePodsNotReady': { params: ['count', 'pods', 'notReady'] },
  'service.publishNotReady': { params: [], note: true },
  'service.endpointsTerminating': { params: ['count', 'endpoints'] },
  'service.headlessWithoutHostnames': { params: [], note: true },
  'service.endpointsNotReady': { params: ['endpoints', 'notReady'], summary: true },
  'endpointSlice.endpointsNotReady': { params: ['notReady', 'endpoints'] },
} as const satisfies Record<string, CodeSpec>;

export type FindingCode = keyof typeof FINDING_CODES;

export type FindingParams = Record<string, string | number | boolean>;

type ParamValue = string | number | boolean;
type Declared<C extends FindingCode> = (typeof FINDING_CODES)[C]['params'][number];
type Optional<N> = N extends `${infer B}?` ? B : never;

/** The parameters a code's sentence takes: the declared ones, the optional ones may be undefined. */
export type ParamsOf<C extends FindingCode> = { [K in Exclude<Declared<C>, `${string}?`>]: ParamValue } & {
  [K in Optional<Declared<C>>]?: ParamValue | undefined;
};

/** A code's parameter names, `?` marking the optional ones (as declared). */
export function paramsOf(code: FindingCode): readonly string[] {
  const spec: CodeSpec = FINDING_CODES[code];
  return spec.params;
}

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
