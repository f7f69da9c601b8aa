import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onShutdown, processSlot, processWide, shutDown } from './process';

test('a process-wide value is made once and shared by every caller, as another bundle would see it', () => {
  let made = 0;
  const a = processWide('test.once', () => ({ n: ++made }));
  const b = processWide('test.once', () => ({ n: ++made }));
  assert.equal(a, b);
  assert.equal(made, 1);
  const g = globalThis as unknown as Record<symbol, { value?: unknown }>;
  assert.equal(g[Symbol.for('ordinal.test.once')].value, a);
  processSlot<number>('test.slot').value = 7;
  assert.equal(processSlot<number>('test.slot').value, 7);
});

test('a shutdown runs its steps once, in phase order whatever the order they came in; a failing step stops none', () => {
  const ran: string[] = [];
  const quiet = console.error;
  console.error = () => undefined;
  try {
    onShutdown('server', () => ran.push('server'));
    onShutdown('watches', () => ran.push('watches'));
    onShutdown('history', () => {
      ran.push('history');
      throw new Error('disk gone');
    });
    const removed = onShutdown('history', () => ran.push('removed'));
    onShutdown('streams', () => ran.push('streams'));
    removed();
    shutDown();
    shutDown();
  } finally {
    console.error = quiet;
  }
  assert.deepEqual(ran, ['streams', 'history', 'watches', 'server']);
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
});
