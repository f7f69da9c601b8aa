/**
 * When a Service's selector matches no pod, what is closest: the pods that miss it by fewest
 * terms (at least one term matching, or each missed term off by a typo), each with the labels
 * that differ; and per selector key, the values the namespace's pods carry instead. A wrong
 * label is the usual cause (`app: kafak`, an instance label of another release).
 */

import type { SelectorHints } from '@/lib/wire/topology';
import type { Stores } from '../cache/indexes';
import type { Service } from '../cache/types';

const NEAR_LISTED = 5;
const VALUES_LISTED = 5;

/** Off by a typo: equal ignoring case, one the other's prefix, or at most two edits apart. */
export function nearlyEqual(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y || x.startsWith(y) || y.startsWith(x)) return true;
  return Math.abs(x.length - y.length) <= 2 && editDistance(x, y) <= 2;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

export function selectorHints(svc: Service, s: Stores): SelectorHints {
  const terms = Object.entries(svc.spec.selector ?? {});
  const pods = s.Pod.list(svc.metadata.namespace);
  const near: SelectorHints['nearMatches'] = [];
  for (const p of pods) {
    const labels = p.metadata.labels ?? {};
    const differs = terms
      .filter(([k, v]) => labels[k] !== v)
      .map(([key, want]) => ({ key, want, have: labels[key] ?? null }));
    const typos = differs.every((d) => d.have !== null && nearlyEqual(d.have, d.want));
    if (differs.length > 0 && (differs.length < terms.length || typos)) near.push({ pod: p.metadata.name, differs });
  }
  near.sort((a, b) => a.differs.length - b.differs.length || a.pod.localeCompare(b.pod));
  const values = terms.map(([key]) => {
    const count = new Map<string, number>();
    for (const p of pods) {
      const v = p.metadata.labels?.[key];
      if (v !== undefined) count.set(v, (count.get(v) ?? 0) + 1);
    }
    const top = [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, VALUES_LISTED);
    return { key, values: top.map(([value, n]) => ({ value, pods: n })) };
  });
  return { nearMatches: near.slice(0, NEAR_LISTED), nearMatchCount: near.length, valuesPresent: values };
}
