import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { twoNamespacesHistory } from '@/test/support/history';
import { bundleLines } from './bundle';
import { BundleError, loadBundle } from './unbundle';
import { WHOLE_FILE, clusterScope } from '@/server/audit/scope';

const dir = mkdtempSync(join(tmpdir(), 'ordinal-unbundle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const history = twoNamespacesHistory;

function write(name: string, lines: Iterable<string>): string {
  const path = join(dir, name);
  writeFileSync(path, [...lines].join('\n') + '\n');
  return path;
}

const dataOf = (c: Record<string, unknown> | undefined) => (c?.data as Record<string, string> | undefined)?.v;

test('a bundle of a namespace and window is served as a store: its entries, its opening state, the past rebuilt', () => {
  const source = history();
  const since = '2026-11-01T10:03:30.000Z';
  const path = write('team-b.jsonl', bundleLines(source.reader(WHOLE_FILE), { namespace: 'team-b', since }));
  const { store, manifest, verdict } = loadBundle(path);
  assert.deepEqual(verdict, { ok: true, checked: 5 }, 'the three entries of the scope and the two links between them');
  assert.equal(manifest.baseline?.objects, 1);
  const entries = store.reader(WHOLE_FILE).query({ limit: 100, order: 'asc' }).entries;
  assert.deepEqual(
    entries.map((e) => [e.namespace, e.resourceVersion]),
    [
      ['team-b', '4'],
      ['team-b', '5'],
      ['team-b', '6'],
    ],
    'only the scope, with the ids and hashes it was exported with',
  );
  assert.equal(entries[0].hash, source.reader(WHOLE_FILE).entry(entries[0].id)?.hash);
  // Its first entry is a patch: it applies to the opening state the bundle carried.
  assert.equal(dataOf(store.reader(WHOLE_FILE).contentAt(entries[0].id) ?? undefined), '3');
  const at = (t: string) => [...store.reader(clusterScope('c')).objectsAt(t)].map((o) => dataOf(o.content));
  assert.deepEqual(at('2026-11-01T10:03:30.000Z'), ['2'], 'at the window opening');
  assert.deepEqual(at('2026-11-01T10:05:30.000Z'), ['4']);
  assert.deepEqual(store.clusters(), ['c']);
  store.close();
  source.close();
});

test('an edited bundle still opens, with the verdict naming the entry; a file that is no bundle is refused', () => {
  const source = history();
  const lines = [...bundleLines(source.reader(WHOLE_FILE), { namespace: 'team-a' })];
  const i = lines.findIndex((l) => l.includes('"resourceVersion":"3"') && l.startsWith('{"e"'));
  const edited = JSON.parse(lines[i]) as { e: { id: number; summary: string } };
  edited.e.summary = 'data.v: nothing to see';
  lines[i] = JSON.stringify(edited);
  const { store, verdict } = loadBundle(write('edited.jsonl', lines));
  assert.equal(verdict.ok, false);
  assert.equal(verdict.firstBroken?.id, edited.e.id);
  assert.equal(store.reader(WHOLE_FILE).query({ limit: 100 }).entries.length, 6, 'what it holds is still shown');
  store.close();
  assert.throws(() => loadBundle(write('notes.jsonl', ['{"hello":1}'])), BundleError);
  source.close();
});
