import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINE_CHARS, logLines, visibleText } from './logText';

test('chunks split into complete lines; an unfinished tail waits', () => {
  assert.deepEqual(logLines('a\nb\r\nc'), { complete: ['a', 'b'], rest: 'c' });
  assert.deepEqual(logLines('partial'), { complete: [], rest: 'partial' });
});

test('escape sequences and control characters show as text; long lines are cut, saying by how much', () => {
  assert.equal(visibleText('\u001b[31mERROR\u001b[0m\tdone'), '␛[31mERROR␛[0m\tdone');
  assert.equal(visibleText('bell\u0007'), 'bell␇');
  const long = visibleText('x'.repeat(LINE_CHARS + 10));
  assert.ok(long.endsWith('… (10 more characters)'));
});
