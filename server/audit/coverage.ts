import type { CoverageMark, CoverageSpan } from '@/lib/wire/history';

/**
 * Watched and blind spans per kind, from the recorder's marks in order: a kind is watched
 * from a `synced` mark until the next other mark (syncing, error, forbidden, stop, or a start
 * after a run that ended without one), blind otherwise. The last span runs to `until`.
 * Before a kind's first mark nothing is known: no span.
 */
export function coverageSpans(marks: readonly CoverageMark[], until: string): Record<string, CoverageSpan[]> {
  const out: Record<string, CoverageSpan[]> = {};
  const open = new Map<string, { from: string; watched: boolean; detail?: string }>();
  const close = (kind: string, to: string) => {
    const cur = open.get(kind);
    if (!cur || cur.from >= to) return;
    (out[kind] ??= []).push({
      from: cur.from,
      to,
      watched: cur.watched,
      ...(cur.detail ? { detail: cur.detail } : {}),
    });
  };
  for (const m of marks) {
    const watched = m.state === 'synced';
    const detail = watched ? undefined : (m.detail ?? describe(m.state));
    const cur = open.get(m.kind);
    if (cur && cur.watched === watched && cur.detail === detail) continue;
    close(m.kind, m.time);
    open.set(m.kind, { from: m.time, watched, detail });
  }
  for (const kind of open.keys()) close(kind, until);
  for (const spans of Object.values(out)) mergeAdjacent(spans);
  return out;
}

function describe(state: CoverageMark['state']): string {
  switch (state) {
    case 'start':
    case 'syncing':
      return 'listing';
    case 'stop':
      return 'not running';
    case 'forbidden':
      return 'forbidden (403)';
    default:
      return state;
  }
}

function mergeAdjacent(spans: CoverageSpan[]): void {
  for (let i = spans.length - 1; i > 0; i--) {
    const a = spans[i - 1];
    const b = spans[i];
    if (a.watched === b.watched && a.to === b.from && a.detail === b.detail) {
      a.to = b.to;
      spans.splice(i, 1);
    }
  }
}

/** Where any of `kinds` was blind, as one list of spans in time order (overlaps merged). */
export function blindSpans(
  perKind: Record<string, CoverageSpan[]>,
  kinds?: readonly string[],
): Array<{ from: string; to: string; kinds: string[] }> {
  const all = Object.entries(perKind)
    .filter(([k]) => !kinds || kinds.includes(k))
    .flatMap(([kind, spans]) => spans.filter((s) => !s.watched).map((s) => ({ ...s, kind })))
    .sort((a, b) => a.from.localeCompare(b.from));
  const out: Array<{ from: string; to: string; kinds: string[] }> = [];
  for (const s of all) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) {
      if (s.to > last.to) last.to = s.to;
      if (!last.kinds.includes(s.kind)) last.kinds.push(s.kind);
    } else out.push({ from: s.from, to: s.to, kinds: [s.kind] });
  }
  return out;
}
