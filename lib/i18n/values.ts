import { paramsOf, type FindingCode, type FindingParams } from '@/lib/wire/findings';

/**
 * What a catalog message's `select` sees for a parameter the finding did not carry: every message
 * writes `{why, select, absent {…} other {…}}` where a parameter is optional (ICU has no "is set").
 */
export const ABSENT = 'absent';

/** Parameters that are durations in lib/duration.ts's form (`45s`, `5m`, `2h10m`, `3d`): worded per locale. */
const DURATION_PARAMS = new Set(['age']);

export type IcuValues = Record<string, string | number>;

/**
 * A finding's parameters as its catalog message takes them: every declared one present (absent ones
 * as ABSENT), booleans as `true`/`false` for `select`, durations worded in the reader's language.
 */
export function findingValues(code: FindingCode, params: FindingParams, duration: (d: string) => string): IcuValues {
  const out: IcuValues = {};
  for (const declared of paramsOf(code)) {
    const name = declared.endsWith('?') ? declared.slice(0, -1) : declared;
    const v = params[name];
    out[name] = v === undefined ? ABSENT : typeof v === 'boolean' ? String(v) : DURATION_PARAMS.has(name) && typeof v === 'string' ? duration(v) : v;
  }
  return out;
}

export type DurationUnit = 'day' | 'hour' | 'minute' | 'second';
const UNIT: Record<string, DurationUnit> = { d: 'day', h: 'hour', m: 'minute', s: 'second' };

/** `2h10m` as its parts, largest first; undefined for anything else (the server's "an unknown time"). */
export function durationParts(d: string): Array<{ value: number; unit: DurationUnit }> | undefined {
  if (!/^(\d+[dhms])+$/.test(d)) return undefined;
  return [...d.matchAll(/(\d+)([dhms])/g)].map((m) => ({ value: Number(m[1]), unit: UNIT[m[2]] }));
}
