/**
 * What of a value may leave the server: a keyed fingerprint (HMAC-SHA256 with a key only
 * the server holds), never a plain hash that anyone could check a guessed secret against.
 * The key comes from `ORDINAL_FINGERPRINT_KEY` (so replicas agree), else from
 * `.ordinal/fingerprint.key` (made at first start), else — on a read-only disk — it is
 * random per process, so fingerprints change at restart. Process-wide (processSlot): Next may
 * load this module once per route bundle, and every bundle must agree.
 */

import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_KEY_CHARS } from '../settings/parse';
import { processSlot } from '../settings/process';
import type { Settings } from '../settings/table';

export interface Secrecy {
  key: Buffer;
  /** Literal env values with credential-like names are replaced by their fingerprint. */
  redactEnv: boolean;
  source: 'ORDINAL_FINGERPRINT_KEY' | 'file' | 'ephemeral';
}

export const KEY_FILE = 'fingerprint.key';

const slot = () => processSlot<Secrecy>('secrecy');

/** The process's settings; a random key and redaction on until `configureSecrecy` runs. */
export function secrecy(): Secrecy {
  return (slot().value ??= { key: randomBytes(32), redactEnv: true, source: 'ephemeral' });
}

/** The process's secrecy from its settings (the key given, or the key file under `dir`), kept for every bundle. */
export function configureSecrecy(
  s: Pick<Settings, 'fingerprintKey' | 'redactEnv' | 'stateDir'>,
  dir = s.stateDir,
): Secrecy {
  const value: Secrecy = { ...loadKey(s.fingerprintKey, dir), redactEnv: s.redactEnv };
  slot().value = value;
  return value;
}

function loadKey(given: string | undefined, dir: string): Pick<Secrecy, 'key' | 'source'> {
  if (given !== undefined) return { key: Buffer.from(given, 'utf8'), source: 'ORDINAL_FINGERPRINT_KEY' };
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
