import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withBase, withoutBase } from './basepath';

test('app paths gain the prefix; other URLs are left alone', () => {
  assert.equal(withBase('/ordinal', '/topology?namespace=a'), '/ordinal/topology?namespace=a');
  assert.equal(withBase('/ordinal', '/'), '/ordinal/');
  assert.equal(withBase('', '/api/v1/topology'), '/api/v1/topology');
  assert.equal(withBase('/ordinal', 'https://idp.example/logout'), 'https://idp.example/logout');
  assert.equal(withBase('/ordinal', '//evil.example/x'), '//evil.example/x');
});

test('a browser path loses the prefix, and only a whole leading segment of it', () => {
  assert.equal(withoutBase('/ordinal', '/ordinal/topology'), '/topology');
  assert.equal(withoutBase('/ordinal', '/ordinal'), '/');
  assert.equal(withoutBase('/ordinal', '/ordinalx/topology'), '/ordinalx/topology');
  assert.equal(withoutBase('', '/topology'), '/topology');
});
