import { diffLines } from 'diff';

/**
 * Line diffs of two YAML texts (jsdiff), with unchanged runs folded to `CONTEXT` lines around
 * each change: as one column (unified) or as rows of before | after (side by side).
 */
const CONTEXT = 3;

export type UnifiedLine = { sign: ' ' | '+' | '-'; text: string } | { skipped: number };
export type SideRow = { left?: string; right?: string; changed: boolean } | { skipped: number };

export function unifiedLines(before: string, after: string): UnifiedLine[] {
  const lines: Array<{ sign: ' ' | '+' | '-'; text: string }> = [];
  for (const part of diffLines(before, after)) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ sign, text });
  }
  const near = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.sign !== ' '));
  const out: UnifiedLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (near[i]) out.push(lines[i]);
    else {
      const last = out[out.length - 1];
      if (last && 'skipped' in last) last.skipped++;
      else out.push({ skipped: 1 });
    }
  }
  return out;
}

/** The unified lines as rows: a run of removed lines beside the run of added lines after it. */
export function sideBySideRows(before: string, after: string): SideRow[] {
  const lines = unifiedLines(before, after);
  const rows: SideRow[] = [];
  for (let i = 0; i < lines.length;) {
    const l = lines[i];
    if ('skipped' in l) {
      rows.push(l);
      i++;
    } else if (l.sign === ' ') {
      rows.push({ left: l.text, right: l.text, changed: false });
      i++;
    } else {
      const removed: string[] = [];
      const added: string[] = [];
      for (; i < lines.length; i++) {
        const x = lines[i];
        if ('skipped' in x || x.sign === ' ') break;
        if (x.sign === '-' && added.length === 0) removed.push(x.text);
        else if (x.sign === '+') added.push(x.text);
        else break;
      }
      for (let k = 0; k < Math.max(removed.length, added.length); k++)
        rows.push({ left: removed[k], right: added[k], changed: true });
    }
  }
  return rows;
}
