/**
 * What the history notes of an object's own state after each change: the finding that makes
 * it not ok, by the graph's codes, judged from the object alone (no neighbours, no events:
 * those are other entries). The timeline marks where an object turned into a problem — the
 * moment pod-2 stopped being Ready — and where it recovered.
 */

import { findingHealth, type FindingCode, type Severity } from '@/lib/wire/findings';
import type { ProblemTurn } from '@/lib/wire/history';
import type { Health } from '@/lib/wire/topology';
import type { EndpointSlice, KObject, PersistentVolume, PersistentVolumeClaim, Pod, StatefulSet } from '../cache/types';
import { createStores } from '../cache/view';
import { sliceNode } from '../topology/nodes';
import { summaryFindings } from '../topology/ordinals';
import { podHealth } from '../topology/pods';
import { assessVolume } from '../topology/storage';

export interface ProblemState {
  code: FindingCode;
  health: Exclude<Health, 'ok' | 'unknown'>;
}

type Check = (o: KObject, at: number) => ProblemState | null;

const NO_NEIGHBOURS = createStores();

function state(code: FindingCode, severity: Severity): ProblemState | null {
  const health = findingHealth({ code, severity });
  return health === 'ok' || health === 'unknown' ? null : { code, health };
}

/** One row per kind with a state of its own; the others (ConfigMaps, Services…) have none. */
const CHECKS: Partial<Record<string, Check>> = {
  Pod: (o, at) => {
    const { finding } = podHealth(o as Pod, NO_NEIGHBOURS, at);
    return finding ? state(finding.code, finding.severity) : null;
  },
  // Its counts alone (the graph adds what its pods, claims and Service say): none Ready for too long, or converging.
  StatefulSet: (o, at) => {
    const [f] = summaryFindings(o as StatefulSet, [], at);
    return f ? state(f.code, f.severity) : null;
  },
  PersistentVolumeClaim: (o) => {
    const c = o as PersistentVolumeClaim;
    if (c.metadata.deletionTimestamp) return state('claim.deleting', 'info');
    const phase = c.status?.phase ?? 'Pending';
    if (phase === 'Lost') return state('claim.lost', 'error');
    return phase === 'Pending' ? state('claim.pending', 'info') : null;
  },
  PersistentVolume: (o) => {
    const { finding } = assessVolume(o as PersistentVolume);
    return finding ? state(finding.code, finding.severity) : null;
  },
  EndpointSlice: (o, at) => {
    const f = sliceNode(o as EndpointSlice, NO_NEIGHBOURS, at).findings?.[0];
    return f ? state(f.code, f.severity) : null;
  },
};

export function problemOf(kind: string, o: KObject, at: number): ProblemState | null {
  return CHECKS[kind]?.(o, at) ?? null;
}

/** What the recorder keeps of an object's last change: its counted problem, STARTING, or null (fine). */
export const STARTING = '';

const severe = (p: ProblemState) => p.health === 'warning' || p.health === 'error';

/**
 * A change's turn into or out of a problem, and what to keep for the next. An object is
 * STARTING from its creation until it is first fine: a new pod on its way to Ready, or an object
 * first seen by a list, has not turned into anything — unless it is failing (warning or error)
 * before our eyes. Once fine, any problem is a turn; once turned, being fine again is a recovery.
 */
export function turnOf(
  c: { created: boolean; observed: boolean },
  before: string | null,
  after: ProblemState | null,
): { turn: ProblemTurn | null; keep: string | null } {
  if (!after) return { turn: before ? 'recovered' : null, keep: null };
  const starting = c.created || before === STARTING;
  if (!starting) return { turn: before === null ? 'turned' : null, keep: after.code };
  return severe(after) && (c.observed || !c.created)
    ? { turn: 'turned', keep: after.code }
    : { turn: null, keep: STARTING };
}
