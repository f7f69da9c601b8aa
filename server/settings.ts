import { join } from 'node:path';

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

/**
 * Where the process keeps its state by default: `.ordinal` under the working directory (the
 * fingerprint key, which also seals sessions, and the history). Resolved at run time only: the
 * build's file tracer must not follow it, or it would copy the key and the history into the
 * standalone output (next.config.ts excludes the folder from tracing as well).
 */
export function stateDir(cwd: string = process.cwd()): string {
  return join(/*turbopackIgnore: true*/ cwd, STATE_DIR_NAME);
}

export const STATE_DIR_NAME = '.ordinal';

/** An optional positive whole-number setting (a count, or milliseconds); undefined when unset. */
export function positiveInt(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
    throw new SettingError(name, `must be a positive whole number, not "${raw.slice(0, 40)}"`);
  return Number(raw);
}

/** A TCP port (0 to 65535; 0: any free one), from a flag or setting named `name`. */
export function portNumber(raw: string, name: string): number {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535)
    throw new SettingError(name, `must be a port number from 0 to 65535, not "${raw.slice(0, 40)}"`);
  return Number(raw);
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration setting (`30d`, `12h`, `90m`, `45s`) in milliseconds; `fallback` when unset. */
export function durationMs(env: Env, name: string, fallback: string): number {
  const raw = env[name]?.trim() || fallback;
  const m = /^(\d{1,6})([smhd])$/.exec(raw);
  if (!m || Number(m[1]) < 1)
    throw new SettingError(name, `must be a duration such as 30d, 12h, 90m or 45s, not "${raw.slice(0, 40)}"`);
  return Number(m[1]) * UNITS[m[2]];
}
