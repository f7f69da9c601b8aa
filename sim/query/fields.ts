import { getPath } from '../model/meta';
import { SelectorError } from './labels';

/** Field selectors (`fieldSelector=a.b=c,x!=y`) over dotted paths of the object. */
export interface FieldRequirement {
  path: string;
  negate: boolean;
  value: string;
}

export function parseFieldSelector(s: string | null | undefined): FieldRequirement[] {
  if (!s) return [];
  return s
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((term) => {
      const m = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (!m) throw new SelectorError(`invalid field selector: '${term}'`);
      return { path: m[1], negate: m[2] === '!=', value: m[3] };
    });
}

function fieldValue(obj: unknown, path: string): string {
  const v = getPath(obj, path);
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function matchesFields(obj: unknown, reqs: FieldRequirement[]): boolean {
  return reqs.every((r) => (fieldValue(obj, r.path) === r.value) !== r.negate);
}
