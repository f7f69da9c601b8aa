/** The environment as settings read it (process.env, or a plain object in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A setting (an ORDINAL_* variable) that cannot be used: reported as is, never as a crash. */
export class SettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

/** An optional positive whole-number setting (a count, or milliseconds); undefined when unset. */
export function positiveInt(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new SettingError(name, `must be a positive whole number, not "${raw.slice(0, 40)}"`);
  return Number(raw);
}
