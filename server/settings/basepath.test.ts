import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ASSET_PLACEHOLDER, basePath } from './basepath';
import { SettingError } from './parse';

const N = 'ORDINAL_BASE_PATH';

test('a base path is read without its trailing slash; unset or / is none', () => {
  assert.equal(basePath(undefined, N), '');
  assert.equal(basePath('/', N), '');
  assert.equal(basePath(' /ordinal/ ', N), '/ordinal');
  assert.equal(basePath('/tools/ordinal', N), '/tools/ordinal');
});

test('an unusable base path is a setting error, never a crash', () => {
  const bad = [
    'ordinal',
    '/a b',
    '/a/../b',
    '/./x',
    '/_next',
    '/api/x',
    '/a?b',
    '/%2e%2e',
    '/<x>',
    `/${'a'.repeat(300)}`,
    ASSET_PLACEHOLDER,
  ];
  for (const raw of bad) assert.throws(() => basePath(raw, N), SettingError, raw);
});
