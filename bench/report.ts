import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A results file as `write` leaves it. */
interface Results {
  measuredAt?: string;
  figures: Record<string, Figure>;
}

/** The results file of an earlier run at `path`, if there is a readable one. */
export function previousResults(path: string): Results | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as Results;
    return r && typeof r.figures === 'object' ? r : undefined;
  } catch {
    return undefined;
  }
}

export class Report {
  readonly figures: Record<string, Figure> = {};

  /** `previous`: the last results of this size, printed beside each new figure. */
  constructor(
    readonly size: string,
    private readonly previous?: Results,
  ) {}

  add(name: string, value: number, unit: string, target?: { max?: number; min?: number }, note?: string): void {
    const sense = target?.max !== undefined ? 'max' : target?.min !== undefined ? 'min' : undefined;
    const t = target?.max ?? target?.min;
    const ok = t === undefined ? undefined : sense === 'max' ? value <= t : value >= t;
    this.figures[name] = {
      value: round(value),
      unit,
      ...(t !== undefined ? { target: t, sense, ok } : {}),
      ...(note ? { note } : {}),
    };
    console.log(
      `bench: ${name} = ${fmt(round(value), unit)}${t !== undefined ? ` (target ${sense === 'max' ? '≤' : '≥'} ${fmt(t, unit)}${ok ? '' : ', MISSED'})` : ''}`,
    );
  }

  /**
   * Every figure with its target and ratio, and beside it the previous run's value (the results
   * file this run replaces) and the change: a figure of another phase that got worse shows here.
   */
  table(): string {
    const before = this.previous?.figures ?? {};
    const rows = Object.entries(this.figures).map(([name, f]) => [
      name,
      fmt(f.value, f.unit),
      f.target === undefined ? '' : `${f.sense === 'max' ? '≤' : '≥'} ${fmt(f.target, f.unit)}`,
      f.target === undefined || f.target === 0 ? '' : ratio(f),
      f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED',
      before[name] ? fmt(before[name].value, before[name].unit) : '',
      before[name] ? change(before[name].value, f.value) : '',
    ]);
    const was = this.previous?.measuredAt ? `previous (${this.previous.measuredAt.slice(0, 10)})` : 'previous';
    const head = ['figure', 'value', 'target', 'ratio', '', was, 'change'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  }

  write(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(
      path,
      `${JSON.stringify({ size: this.size, measuredAt: new Date().toISOString(), figures: this.figures }, null, 2)}\n`,
    );
  }
}

/** value/target for a maximum (below 1 is within), target/value for a minimum — both read "1 or less is met". */
function ratio(f: Figure): string {
  const r = f.sense === 'max' ? f.value / (f.target ?? 1) : (f.target ?? 0) / Math.max(f.value, 1e-9);
  return `${r.toFixed(2)}×`;
}

/** The new value against the previous, as a signed percentage (`=` when equal). */
function change(was: number, now: number): string {
  if (was === now) return '=';
  if (was === 0) return 'new';
  const pct = ((now - was) / Math.abs(was)) * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
}

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
}

function fmt(v: number, unit: string): string {
  if (unit === 'bytes')
    return v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} kB` : `${v} B`;
  return `${v.toLocaleString('en')} ${unit}`;
}
