import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNamespaceName, isObjectName } from './names';

test('namespaces are DNS-1123 labels; object names DNS-1123 subdomains', () => {
  for (const n of ['default', 'kube-system', 'a', 'a'.repeat(63)]) assert.ok(isNamespaceName(n), n);
  for (const n of ['', 'Default', '-a', 'a-', 'a.b', 'a'.repeat(64), '<script>', 'caf\u00e9'])
    assert.ok(!isNamespaceName(n), n);
  for (const n of ['kafka-0', 'data-kafka-0', 'my.config', 'a'.repeat(253)]) assert.ok(isObjectName(n), n);
  for (const n of ['', 'UPPER', 'a..b', '.a', 'a/b', 'a'.repeat(254)]) assert.ok(!isObjectName(n), n);
});
