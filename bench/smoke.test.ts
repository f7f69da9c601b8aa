import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

/** `npm run bench -- --quick` completes and writes its figures; no thresholds here (they are the bench's to report). */
test('the quick bench runs end to end and writes every figure it prints', { timeout: 600_000 }, async () => {
  const results = mkdtempSync(join(tmpdir(), 'ordinal-bench-'));
  const root = resolve(import.meta.dirname, '..');
  // The committed 2k figures as the previous run: the table prints them beside the new ones.
  const previous = JSON.parse(readFileSync(join(root, 'bench/results/2k.json'), 'utf8')) as {
    figures: Record<string, { value: number }>;
  };
  copyFileSync(join(root, 'bench/results/2k.json'), join(results, '2k.json'));
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((res) => {
    const args = ['--import', 'tsx', 'bench/run.ts', '--quick', '--results', results];
    execFile(
      process.execPath,
      args,
      { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 540_000 },
      (e, stdout, stderr) => res({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  assert.equal(out.code, 0, out.stderr.slice(-2000));
  type Figures = Record<string, { value: number; unit: string; target?: number; ok?: boolean }>;
  const json = JSON.parse(readFileSync(join(results, '2k.json'), 'utf8')) as { size: string; figures: Figures };
  assert.equal(json.size, '2k');
  const expected = [
    'sync',
    'memory.rss.synced',
    'api.cluster.speedup',
    'api.namespace.ms',
    'stream.200.p99',
    'stream.200.missed',
    'stream.1.fast.p99',
    'stream.1.fast.missed',
    'stream.watches.200viewers',
    'engine.flush.mean',
    'engine.perChange.mean',
    'engine.flush.slow',
    'page.topology.paint',
    'page.topology.panZoomFps',
    'access.20users.reviews',
    'access.p99.ratio',
    'memory.rss.access.ratio',
    'access.watches',
    'history.pg.appendPerSecond',
  ];
  for (const name of expected) {
    assert.equal(typeof json.figures[name]?.value, 'number', name);
    assert.ok(Number.isFinite(json.figures[name].value), `${name} is a number`);
  }
  for (const [name, f] of Object.entries(json.figures)) {
    if (f.target !== undefined) assert.equal(typeof f.ok, 'boolean', `${name} says whether it meets its target`);
    assert.match(out.stdout, new RegExp(`^${name.replaceAll('.', '\\.')}\\s`, 'm'), `${name} is in the printed table`);
  }
  assert.match(out.stdout, /^figure\s+value\s+target\s+ratio\s+previous \(\d{4}-\d\d-\d\d\)\s+change$/m);
  const row = out.stdout.split('\n').find((l) => l.startsWith('stream.200.p99 '));
  const was = `${previous.figures['stream.200.p99'].value.toLocaleString('en')} ms`;
  assert.ok(
    row?.includes(was) && /(=|[+-]\d+(\.\d)?%)$/.test(row),
    `the previous p99 (${was}) and the change beside the new: ${row}`,
  );
});
