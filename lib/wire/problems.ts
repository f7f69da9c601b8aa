/**
 * Problems grouped by cause (`GET /api/v1/problems`, the overview): one missing StorageClass is one
 * problem listing the claims, pods, StatefulSets and Services it breaks, not five. Ranked by
 * impact (IMPACT_ORDER, then how many pods and Services it keeps from serving, then how many pods
 * are at stake), never by name.
 */

import type { FindingCode, FindingParams, Severity } from './findings';

export type ProblemCode = FindingCode | 'rollout.stuck';

/** What a problem does, worst first: the first class that fits it decides its rank. */
export const IMPACT_ORDER = ['serving', 'rollout', 'drift', 'other', 'information'] as const;
export type Impact = (typeof IMPACT_ORDER)[number];

export interface Problem {
  /** Stable while the cause stands: `code:causeNodeId`. */
  id: string;
  code: ProblemCode;
  severity: Severity;
  impact: Impact;
  /** One line naming the cause and what it breaks (English; `code` and `params` for any other wording). */
  title: string;
  params: Record<string, string | number | boolean>;
  /**
   * The finding that names the cause, as it stands on the cause's node (for a `rollout.stuck`, the
   * stuck ordinal's): `params` above merge its parameters with the counts and the node's name.
   */
  causeFinding?: { code: FindingCode; params: FindingParams };
  /** The node that is the cause (a StorageClass, a StatefulSet's rollout, a Service, a ConfigMap…). */
  cause: string;
  /** Everything it breaks, in the graph's column order (Services, StatefulSets and slices, pods, claims, volumes). */
  affected: string[];
  /** Pods and Services it keeps from serving (not Ready, not every endpoint ready). */
  serving: number;
  /** Pods at stake: those of the StatefulSets and Services it reaches. */
  blastRadius: number;
  /** When the server first saw this problem (RFC 3339). */
  since: string;
}

export interface ProblemList {
  revision: number;
  problems: Problem[];
}

/** Worst first: impact class, then serving, then blast radius, then the oldest, then id (only to be stable). */
export function byImpact(a: Problem, b: Problem): number {
  return (
    IMPACT_ORDER.indexOf(a.impact) - IMPACT_ORDER.indexOf(b.impact) ||
    b.serving - a.serving ||
    b.blastRadius - a.blastRadius ||
    a.since.localeCompare(b.since) ||
    a.id.localeCompare(b.id)
  );
}
