/**
 * What of an object a derivation may read alone (`aspectRead` in reads.ts): a change that leaves
 * the aspect as it was does not make such a read stale. One row per aspect: the kinds it applies
 * to (absent: every kind) and whether two versions of an object agree on it.
 */

import type { KObject, Pod } from '../cache/types';
import { driftInputs } from './drift';
import { sameJson } from './samejson';

interface AspectRow {
  kinds?: readonly string[];
  same(a: KObject, b: KObject): boolean;
}

export const ASPECTS = {
  /**
   * Name and spec. The contract is the apiserver's: `metadata.generation` moves on every change
   * of the spec and only then, so a controller's status updates (most of a StatefulSet's changes)
   * pass by; an object without a generation is taken as changed.
   */
  spec: { same: (a, b) => a.metadata.generation !== undefined && a.metadata.generation === b.metadata.generation },
  /**
   * What a pod's drift is judged from (drift.ts `driftInputs`): its start, what it consumes and
   * its checksum annotations — a pod turning ready or not, most of a churn, passes by.
   */
  drift: { kinds: ['Pod'], same: (a, b) => sameJson(driftInputs(a as Pod), driftInputs(b as Pod)) },
} as const satisfies Record<string, AspectRow>;

export type Aspect = keyof typeof ASPECTS;

const ROWS = Object.entries(ASPECTS) as Array<[Aspect, AspectRow]>;
const BY_KIND = new Map<string, Array<[Aspect, AspectRow]>>();

/** The aspects that apply to a kind (asked on every store change: worked out once per kind). */
export function aspectsOf(kind: string): Array<[Aspect, AspectRow]> {
  let rows = BY_KIND.get(kind);
  if (!rows) BY_KIND.set(kind, (rows = ROWS.filter(([, row]) => applies(row, kind))));
  return rows;
}

/** Whether an aspect applies to a kind: a read of another kind inside `aspectRead` is a plain read. */
export function aspectApplies(a: Aspect, kind: string): boolean {
  return applies(ASPECTS[a], kind);
}

const applies = (row: AspectRow, kind: string): boolean => !row.kinds || row.kinds.includes(kind);
