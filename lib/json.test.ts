import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definedFields, isRecord } from './json';

test('a record is a JSON object; its defined fields are those its JSON has', () => {
  assert.equal(isRecord({}), true);
  assert.equal(isRecord([]), false);
  assert.equal(isRecord(null), false);
  assert.equal(isRecord('x'), false);
  const o = { a: 1, b: undefined, c: null };
  assert.equal(definedFields(o), Object.keys(JSON.parse(JSON.stringify(o))).length);
  assert.equal(definedFields(JSON.parse('{"__proto__":1,"x":2}') as Record<string, unknown>), 2);
});
