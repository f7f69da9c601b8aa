import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextSearch, settle } from './nextSearch';

test('a write made before the previous one reached the location starts from it, not from the old URL', () => {
  const q = nextSearch('/topology', '?namespace=a&q=x', (p) => p.delete('q'));
  assert.equal(q, 'namespace=a');
  // The location has not caught up yet: selecting a node keeps the removal of q.
  assert.equal(
    nextSearch('/topology', '?namespace=a&q=x', (p) => p.set('select', 'Pod/a/p')),
    'namespace=a&select=Pod%2Fa%2Fp',
  );
  // Once the location shows the pending write, it is the base again.
  assert.equal(
    nextSearch('/topology', '?namespace=a&select=Pod%2Fa%2Fp', (p) => p.set('health', 'problems')),
    'namespace=a&select=Pod%2Fa%2Fp&health=problems',
  );
});

test('a pending write of another page is not carried over', () => {
  nextSearch('/topology', '?q=x', (p) => p.set('select', 'Pod/a/p'));
  assert.equal(
    nextSearch('/drift', '?namespace=b', (p) => p.set('source', 'ConfigMap/b/c')),
    'namespace=b&source=ConfigMap%2Fb%2Fc',
  );
});

test('once the page shows a pending write, a later navigation elsewhere (a link) is the base', () => {
  nextSearch('/topology', '?q=x', (p) => p.delete('q'));
  settle('/topology', '');
  assert.equal(
    nextSearch('/topology', '?namespace=c', (p) => p.set('health', 'problems')),
    'namespace=c&health=problems',
  );
});
