/**
 * A long name cut in the middle, so its start and its end both show: a StatefulSet's pods and
 * claims differ only at the end (`…-cluster-0`, `…-cluster-1`), so the ordinal suffix always stays.
 */
export function middle(s: string, max: number): string {
  if (s.length <= max) return s;
  const suffix = /-\d+$/.exec(s)?.[0] ?? '';
  const tail = Math.max(suffix.length, Math.floor((max - 1) / 3));
  const head = Math.max(1, max - 1 - tail);
  return `${s.slice(0, head)}…${s.slice(s.length - tail)}`;
}
