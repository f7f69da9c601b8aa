import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Env, SettingError, stateDir } from '../settings';

/**
 * What of a value may leave the server: a keyed fingerprint (HMAC-SHA256 with a key only
 * the server holds), never a plain hash that anyone could check a guessed secret against.
 * The key comes from `ORDINAL_FINGERPRINT_KEY` (so replicas agree), else from
 * `.ordinal/fingerprint.key` (made at first start), else — on a read-only disk — it is
 * random per process, so fingerprints change at restart. Process-wide on globalThis:
 * Next may load this module once per route bundle, and every bundle must agree.
 */
export interface Secrecy {
  key: Buffer;
  /** Literal env values with credential-like names are replaced by their fingerprint. */
  redactEnv: boolean;
  source: 'ORDINAL_FINGERPRINT_KEY' | 'file' | 'ephemeral';
}

const KEY = Symbol.for('ordinal.secrecy');
const MIN_KEY_CHARS = 32;
export const KEY_FILE = 'fingerprint.key';

function slot(): { value?: Secrecy } {
  const g = globalThis as unknown as Record<symbol, { value?: Secrecy } | undefined>;
  return (g[KEY] ??= {});
}

/** The process's settings; a random key and redaction on until `configureSecrecy` runs. */
export function secrecy(): Secrecy {
  return (slot().value ??= { key: randomBytes(32), redactEnv: true, source: 'ephemeral' });
}

export function configureSecrecy(env: Env = process.env, dir = stateDir()): Secrecy {
  const redact = (env.ORDINAL_REDACT_ENV ?? 'on').trim().toLowerCase();
  if (!['on', 'off', ''].includes(redact))
    throw new SettingError('ORDINAL_REDACT_ENV', `must be "on" or "off", not "${redact.slice(0, 20)}"`);
  const value: Secrecy = { ...loadKey(env, dir), redactEnv: redact !== 'off' };
  slot().value = value;
  return value;
}

function loadKey(env: Env, dir: string): Pick<Secrecy, 'key' | 'source'> {
  const given = env.ORDINAL_FINGERPRINT_KEY;
  if (given !== undefined && given !== '') {
    if (given.length < MIN_KEY_CHARS)
      throw new SettingError(
        'ORDINAL_FINGERPRINT_KEY',
        `must be at least ${MIN_KEY_CHARS} characters (e.g. \`openssl rand -hex 32\`)`,
      );
    return { key: Buffer.from(given, 'utf8'), source: 'ORDINAL_FINGERPRINT_KEY' };
  }
  const file = join(dir, KEY_FILE);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // `wx`: of two processes starting at once, one writes and both read the same key.
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      return ephemeral(`cannot write ${file} (${(e as Error).message})`);
  }
  try {
    const text = readFileSync(file, 'utf8').trim();
    if (text.length >= MIN_KEY_CHARS) return { key: Buffer.from(text, 'utf8'), source: 'file' };
    return ephemeral(`${file} holds fewer than ${MIN_KEY_CHARS} characters`);
  } catch (e) {
    return ephemeral(`cannot read ${file} (${(e as Error).message})`);
  }
}

function ephemeral(why: string): Pick<Secrecy, 'key' | 'source'> {
  console.warn(
    `ordinal: ${why}; Secret fingerprints use a random key until restart (set ORDINAL_FINGERPRINT_KEY to keep them stable)`,
  );
  return { key: randomBytes(32), source: 'ephemeral' };
}

/** HMAC-SHA256 of the value under the server's key: first 16 hex characters (64 bits, enough to tell versions apart). */
export function fingerprint(value: string): string {
  return createHmac('sha256', secrecy().key).update(value).digest('hex').slice(0, 16);
}
