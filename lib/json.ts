/** A JSON object (not an array, not null), its fields readable by name. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How many of an object's own fields are defined: the fields its JSON has. */
export function definedFields(o: Record<string, unknown>): number {
  let n = 0;
  for (const k in o) if (o[k] !== undefined) n++;
  return n;
}
