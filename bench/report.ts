import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One measured figure: its value, and where the issue sets one, its target and whether it is met. */
export interface Figure {
  value: number;
  unit: string;
  target?: number;
  /** `max`: the value must not exceed the target; `min`: it must reach it. */
  sense?: 'max' | 'min';
  ok?: boolean;
  note?: string;
}

export class Report {
  readonly figures: Record<string, Figure> = {};

  constructor(readonly size: string) {}

  add(name: string, value: number, unit: string, target?: { max?: number; min?: number }, note?: string): void {
    const sense = target?.max !== undefined ? 'max' : target?.min !== undefined ? 'min' : undefined;
    const t = target?.max ?? target?.min;
    const ok = t === undefined ? undefined : sense === 'max' ? value <= t : value >= t;
    this.figures[name] = { value: round(value), unit, ...(t !== undefined ? { target: t, sense, ok } : {}), ...(note ? { note } : {}) };
    console.log(`bench: ${name} = ${fmt(round(value), unit)}${t !== undefined ? ` (target ${sense === 'max' ? '≤' : '≥'} ${fmt(t, unit)}${ok ? '' : ', MISSED'})` : ''}`);
  }

  table(): string {
    const rows = Object.entries(this.figures).map(([name, f]) => [
      name,
      fmt(f.value, f.unit),
      f.target === undefined ? '' : `${f.sense === 'max' ? '≤' : '≥'} ${fmt(f.target, f.unit)}`,
      f.target === undefined || f.target === 0 ? '' : ratio(f),
      f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED',
    ]);
    const head = ['figure', 'value', 'target', 'ratio', ''];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  }

  write(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify({ size: this.size, measuredAt: new Date().toISOString(), figures: this.figures }, null, 2)}\n`);
  }
}

/** value/target for a maximum (below 1 is within), target/value for a minimum — both read "1 or less is met". */
function ratio(f: Figure): string {
  const r = f.sense === 'max' ? f.value / (f.target ?? 1) : (f.target ?? 0) / Math.max(f.value, 1e-9);
  return `${r.toFixed(2)}×`;
}

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
}

function fmt(v: number, unit: string): string {
  if (unit === 'bytes') return v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} kB` : `${v} B`;
  return `${v.toLocaleString('en')} ${unit}`;
}
