import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { twoNamespacesHistory } from '@/test/support/history';
import { Busy, offThread, type WorkerSpec } from './offthread';
import { clusterScope } from './scope';
import { pastDiff, pastGraph, pastTopology } from './travel';

/** An answer's JSON bytes, read back. */
const read = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;
type Verdict = { ok: boolean; checked: number };

/** The worker's source, run as the bundle would be (through tsx here). */
const SOURCE: WorkerSpec = { file: resolve(import.meta.dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };

test('verify and the past run in a worker beside the recorder, with the answers the inline runs give', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'ordinal-offthread-')), 'history.db');
  const store = twoNamespacesHistory(path);
  const reader = store.reader(clusterScope('c'));
  const inlineVerdict = reader.verify();
  assert.deepEqual(inlineVerdict, { ok: true, checked: 12 });
  let ranInline = false;
  const verdict = read<Verdict>(
    await offThread({ op: 'verify', path, scope: reader.scope }, () => ((ranInline = true), reader.verify()), {
      worker: SOURCE,
    }),
  );
  assert.equal(ranInline, false, 'the worker answered, while the writer still holds the file');
  assert.deepEqual(verdict, inlineVerdict);
  const at = '2026-11-01T10:03:30.000Z';
  const narrowed = reader.narrowed({ everywhere: [], inNamespace: [['team-a', ['ConfigMap']]] });
  const job = { op: 'graphAt' as const, path, scope: narrowed.scope, at };
  const graph = read<object>(await offThread(job, () => pastGraph(narrowed, at), { worker: SOURCE }));
  assert.deepEqual(graph, JSON.parse(JSON.stringify(pastGraph(narrowed, at))));
  assert.ok(
    JSON.stringify(graph).includes('team-a') && !JSON.stringify(graph).includes('team-b'),
    "the viewer's scope holds in the worker",
  );
  // The routes' whole answers, made in the worker as inline: the past topology (grouped) and a diff.
  const ask = { grouped: { problems: false } };
  const past = await offThread(
    { op: 'topologyAt', path, scope: reader.scope, at, ask },
    () => pastTopology(reader, at, ask),
    { worker: SOURCE },
  );
  assert.deepEqual(read<object>(past), JSON.parse(JSON.stringify(pastTopology(reader, at, ask))));
  const later = '2026-11-01T10:05:30.000Z';
  const diff = await offThread(
    { op: 'diff', path, scope: reader.scope, from: at, to: later },
    () => pastDiff(reader, at, later),
    { worker: SOURCE },
  );
  assert.deepEqual(read<object>(diff), JSON.parse(JSON.stringify(pastDiff(reader, at, later))));
  store.close();
});

test('one job at a time: another asked meanwhile is Busy (a 429), and the next after it runs', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'ordinal-offthread-')), 'history.db');
  const store = twoNamespacesHistory(path);
  const reader = store.reader(clusterScope('c'));
  const first = offThread({ op: 'verify', path, scope: reader.scope }, () => reader.verify(), { worker: SOURCE });
  await assert.rejects(
    offThread({ op: 'verify', path, scope: reader.scope }, () => reader.verify()),
    Busy,
  );
  assert.equal(read<Verdict>(await first).ok, true);
  assert.equal(
    read<Verdict>(
      await offThread({ op: 'verify', path, scope: reader.scope }, () => reader.verify(), { worker: SOURCE }),
    ).ok,
    true,
  );
  store.close();
});

test('a store the worker cannot open (in memory) runs inline, still one at a time', async () => {
  const store = twoNamespacesHistory();
  const reader = store.reader(clusterScope('c'));
  let ranInline = false;
  const v = read<Verdict>(
    await offThread(
      { op: 'verify', path: ':memory:', scope: reader.scope },
      () => ((ranInline = true), reader.verify()),
      { worker: SOURCE },
    ),
  );
  assert.equal(ranInline, true);
  assert.equal(v.ok, true);
  store.close();
});
