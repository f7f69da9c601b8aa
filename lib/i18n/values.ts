import { paramsOf, type FindingCode, type FindingParams } from '@/lib/wire/findings';

/**
 * What a catalog message's `select` sees for a parameter the finding did not carry: every message
 * writes `{why, select, absent {…} other {…}}` where a parameter is optional (ICU has no "is set").
 */
export const ABSENT = 'absent';

/**
 * Parameters that are the start of a duration (an RFC 3339 time: findings carry when, never how
 * long, so a node does not change as the clock runs): worded as the time since, per locale.
 */
const SINCE_PARAMS = new Set(['since']);

export type IcuValues = Record<string, string | number>;

/**
 * A finding's parameters as its catalog message takes them: every declared one present (absent ones
 * as ABSENT), booleans as `true`/`false` for `select`, a `since` time worded as how long ago, in the
 * reader's language against their clock (`sinceWords`).
 */
export function findingValues(
  code: FindingCode,
  params: FindingParams,
  sinceWords: (iso: string) => string,
): IcuValues {
  const out: IcuValues = {};
  for (const declared of paramsOf(code)) {
    const name = declared.endsWith('?') ? declared.slice(0, -1) : declared;
    const v = params[name];
    out[name] =
      v === undefined
        ? ABSENT
        : typeof v === 'boolean'
          ? String(v)
          : SINCE_PARAMS.has(name) && typeof v === 'string'
            ? sinceWords(v)
            : v;
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
