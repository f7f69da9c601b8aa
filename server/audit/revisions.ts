import { stringify } from 'yaml';
import type { HistoryEntry, RevisionSide } from '@/lib/wire/history';
import { patchBetween } from './content';
import type { HistoryReader } from './reader';

/**
 * Two revisions of one object (ids from its revision list) with the RFC 6902 patch from the
 * first to the second. `from` alone compares with the revision before it.
 */
export function revisionDiff(
  store: HistoryReader,
  revisions: readonly HistoryEntry[],
  from: number,
  to?: number,
): { from: RevisionSide; to: RevisionSide; patch: ReturnType<typeof patchBetween> } | { missing: string } {
  const byId = new Map(revisions.map((e) => [e.id, e]));
  const a = byId.get(from);
  if (!a) return { missing: `revision ${from} is not a revision of this object` };
  const b = to === undefined ? revisions[revisions.findIndex((e) => e.id === from) - 1] : byId.get(to);
  if (!b)
    return {
      missing: to === undefined ? `revision ${from} is the newest` : `revision ${to} is not a revision of this object`,
    };
  const side = (entry: HistoryEntry): RevisionSide => {
    const object = store.contentAt(entry.id) ?? null;
    return { entry, object, yaml: object ? stringify(object) : '' };
  };
  const left = side(a);
  const right = side(b);
  return { from: left, to: right, patch: patchBetween(left.object ?? {}, right.object ?? {}) };
}
