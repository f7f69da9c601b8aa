import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ASSET_PLACEHOLDER, basePath } from './basepath';
import { SettingError } from './settings';

test('a base path is read without its trailing slash; unset or / is none', () => {
  assert.equal(basePath({}), '');
  assert.equal(basePath({ ORDINAL_BASE_PATH: '/' }), '');
  assert.equal(basePath({ ORDINAL_BASE_PATH: ' /ordinal/ ' }), '/ordinal');
  assert.equal(basePath({ ORDINAL_BASE_PATH: '/tools/ordinal' }), '/tools/ordinal');
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
  for (const raw of bad) assert.throws(() => basePath({ ORDINAL_BASE_PATH: raw }), SettingError, raw);
});
