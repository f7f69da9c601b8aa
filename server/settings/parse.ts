import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** The environment as settings read it: the process's (server/settings/process.ts), or a plain object in tests. */
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

/** The state directory's default name, under the directory the server was started in. */
export const STATE_DIR_NAME = '.ordinal';

/**
 * A file or directory path, made absolute against the working directory when the settings are
 * read — where the server was started, before the standalone server moves into its own folder.
 * Resolved at run time only: the build's file tracer must not follow it, or it would copy the
 * key and the history into the standalone output (next.config.ts excludes `.ordinal` as well).
 */
export function absolutePath(raw: string): string {
  return resolve(/*turbopackIgnore: true*/ raw);
}

/** The shortest ORDINAL_FINGERPRINT_KEY (and key file) taken: 32 characters, 256 bits as hex. */
export const MIN_KEY_CHARS = 32;

/** A value parser of the settings table: the variable's raw value (undefined when unset) → its typed value. */
export type Parser<T> = (raw: string | undefined, name: string) => T;

/**
 * A row of the settings table (table.ts): an environment variable's name, its default as README
 * shows it, what it means, and its parser, which gives the typed value or throws a SettingError.
 */
export interface SettingRow<T> {
  readonly env: string;
  /** The default in words; absent when unset means off or none. */
  readonly default?: string;
  /** Markdown, one paragraph: README's cell. */
  readonly doc: string;
  readonly parse: Parser<T>;
}

export const row = <T>(r: SettingRow<T>): SettingRow<T> => r;

/** The value with surrounding space off; undefined when unset or blank. */
export function given(raw: string | undefined): string | undefined {
  const v = raw?.trim();
  return v ? v : undefined;
}

/** A value taken as given, spaces included (a secret may hold them); undefined when unset or empty. */
export const untrimmed: Parser<string | undefined> = (raw) => (raw === undefined || raw === '' ? undefined : raw);

const shown = (raw: string, n = 40) => `"${raw.slice(0, n)}"`;

/** An optional path, made absolute (absolutePath); undefined when unset. */
export const optionalPath: Parser<string | undefined> = (raw) => {
  const v = given(raw);
  return v === undefined ? undefined : absolutePath(v);
};

/** A TCP port (0 to 65535; 0: any free one), from a flag or setting named `name`. */
export function portNumber(raw: string, name: string): number {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535)
    throw new SettingError(name, `must be a port number from 0 to 65535, not ${shown(raw)}`);
  return Number(raw);
}

/** An optional port; undefined when unset. */
export const optionalPort: Parser<number | undefined> = (raw, name) => {
  const v = given(raw);
  return v === undefined ? undefined : portNumber(v, name);
};

/** An optional positive whole number (a count, or milliseconds); undefined when unset. */
export const optionalPositiveInt: Parser<number | undefined> = (raw, name) => {
  const v = given(raw);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1)
    throw new SettingError(name, `must be a positive whole number, not ${shown(v)}`);
  return Number(v);
};

/** A positive whole number, `fallback` when unset. */
export function positiveInt(fallback: number): Parser<number> {
  return (raw, name) => optionalPositiveInt(raw, name) ?? fallback;
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration (`30d`, `12h`, `90m`, `45s`) in milliseconds; `fallback` when unset. */
export function durationMs(fallback: string): Parser<number> {
  return (raw, name) => {
    const v = given(raw) ?? fallback;
    const m = /^(\d{1,6})([smhd])$/.exec(v);
    if (!m || Number(m[1]) < 1)
      throw new SettingError(name, `must be a duration such as 30d, 12h, 90m or 45s, not ${shown(v)}`);
    return Number(m[1]) * UNITS[m[2]];
  };
}

/** `true` or `false` (unset: false); anything else is an error, so a typo never silently means false. */
export const flag: Parser<boolean> = (raw, name) => {
  const v = given(raw)?.toLowerCase();
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw new SettingError(name, `must be true or false, not ${shown(v)}`);
};

/** One of `values` (case as written); `fallback` when unset. */
export function oneOf<const V extends string, F extends V | undefined>(
  values: readonly V[],
  fallback: F,
): Parser<V | F> {
  return (raw, name) => {
    const v = given(raw);
    if (v === undefined) return fallback;
    if (!(values as readonly string[]).includes(v))
      throw new SettingError(name, `must be ${values.join(', ')}, not ${shown(v)}`);
    return v as V;
  };
}

/** A string as given (trimmed); `fallback` when unset. */
export function text<F extends string | undefined>(fallback: F): Parser<string | F> {
  return (raw) => given(raw) ?? fallback;
}

/** An optional string that must match `pattern` (else `must`, the error's words); undefined when unset. */
export function matching(pattern: RegExp, must: string): Parser<string | undefined> {
  return (raw, name) => {
    const v = given(raw);
    if (v !== undefined && !pattern.test(v)) throw new SettingError(name, must);
    return v;
  };
}

/** A comma-separated list, each item trimmed and checked by `item` (which throws for a bad one); undefined when unset. */
export function list<T>(item: (entry: string, name: string) => T): Parser<T[] | undefined> {
  return (raw, name) => {
    const items = (raw ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length ? items.map((s) => item(s, name)) : undefined;
  };
}

/** An address or CIDR of ORDINAL_TRUSTED_PROXIES (`10.0.0.0/8`, `::1`): its family and prefix length. */
export interface Subnet {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

export function subnet(item: string, name: string): Subnet {
  const [address, bits, ...rest] = item.split('/');
  const type = isIP(address);
  const prefix = bits === undefined ? (type === 6 ? 128 : 32) : Number(bits);
  if (!type || rest.length || !Number.isInteger(prefix) || prefix < 0 || prefix > (type === 6 ? 128 : 32))
    throw new SettingError(name, `"${item.slice(0, 60)}" is not an address or CIDR (10.0.0.0/8, ::1)`);
  return { address, prefix, family: type === 6 ? 'ipv6' : 'ipv4' };
}

/** An entry of ORDINAL_ALLOWED_HOSTS: a name, `*.domain` (every subdomain), an IP address, or `*` (any). */
export type HostEntry = { exact: string } | { suffix: string } | { any: true };

const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/;

export function hostEntry(item: string, name: string): HostEntry {
  const entry = item.toLowerCase();
  if (entry === '*') return { any: true };
  if (HOST_NAME.test(entry)) {
    const bare = entry.endsWith('.') ? entry.slice(0, -1) : entry;
    return bare.startsWith('*.') ? { suffix: bare.slice(1) } : { exact: bare };
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(entry) || /^\[?[0-9a-f:.]+\]?$/.test(entry))
    return { exact: entry.replace(/^\[|\]$/g, '') };
  throw new SettingError(name, `"${item.slice(0, 100)}" is not a host name, *.domain, an IP address or *`);
}

/** An address to listen on: an IP address, or localhost. */
export function listenAddress(fallback: string): Parser<string> {
  return (raw, name) => {
    const v = given(raw);
    if (v === undefined) return fallback;
    if (!isIP(v) && v !== 'localhost')
      throw new SettingError(name, 'must be an IP address (0.0.0.0 for every interface) or localhost');
    return v;
  };
}
