import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSettings } from '../settings/rules';
import { configureSecrecy, fingerprint, KEY_FILE } from './secrecy';

const dir = () => mkdtempSync(join(tmpdir(), 'ordinal-secrecy-'));
const plain = (v: string) => createHash('sha256').update(v).digest('hex');

test('fingerprints are HMACs under the server key: stable for a value, never its plain hash', () => {
  const d = dir();
  const s = configureSecrecy(parseSettings({}), d);
  assert.equal(s.source, 'file');
  const key = readFileSync(join(d, KEY_FILE), 'utf8').trim();
  assert.ok(key.length >= 64);
  assert.equal(statSync(join(d, KEY_FILE)).mode & 0o077, 0, 'the key file is readable by its owner only');
  const v = 'hunter2';
  const b64 = Buffer.from(v).toString('base64');
  assert.equal(fingerprint(b64), fingerprint(b64));
  assert.equal(fingerprint(b64), createHmac('sha256', key).update(b64).digest('hex').slice(0, 16));
  for (const h of [plain(v), plain(b64)]) assert.ok(!h.startsWith(fingerprint(b64)) && !h.startsWith(fingerprint(v)));
  assert.notEqual(fingerprint('a'), fingerprint('b'));
});

test('the key file is made once and reused; ORDINAL_FINGERPRINT_KEY overrides it, so replicas agree', () => {
  const d = dir();
  configureSecrecy(parseSettings({}), d);
  const first = fingerprint('v');
  configureSecrecy(parseSettings({}), d);
  assert.equal(fingerprint('v'), first, 'a restart keeps the key');
  const shared = 'k'.repeat(40);
  configureSecrecy(parseSettings({ ORDINAL_FINGERPRINT_KEY: shared }), d);
  const a = fingerprint('v');
  configureSecrecy(parseSettings({ ORDINAL_FINGERPRINT_KEY: shared }), dir());
  assert.equal(fingerprint('v'), a);
  assert.notEqual(a, first);
  assert.throws(
    () => configureSecrecy(parseSettings({ ORDINAL_FINGERPRINT_KEY: 'short' }), d),
    /ORDINAL_FINGERPRINT_KEY: must be at least 32 characters/,
  );
});

test('an unwritable state directory falls back to a per-process key instead of failing', () => {
  const d = dir();
  const blocker = join(d, 'file');
  writeFileSync(blocker, 'x');
  const s = configureSecrecy(parseSettings({}), join(blocker, 'sub'));
  assert.equal(s.source, 'ephemeral');
  assert.ok(!existsSync(join(blocker, 'sub')));
  assert.equal(fingerprint('v').length, 16);
});

test('ORDINAL_REDACT_ENV is on unless "off"', () => {
  assert.equal(configureSecrecy(parseSettings({}), dir()).redactEnv, true);
  assert.equal(configureSecrecy(parseSettings({ ORDINAL_REDACT_ENV: 'off' }), dir()).redactEnv, false);
  assert.throws(() => configureSecrecy(parseSettings({ ORDINAL_REDACT_ENV: 'maybe' }), dir()), /ORDINAL_REDACT_ENV/);
  configureSecrecy(parseSettings({}), dir());
});
