import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphNode, TopologyChange } from '@/lib/wire/topology';
import { ReplayLog, type ChangeEvent } from './replay';

const node = (id: string) => ({ id, kind: 'ConfigMap', name: id, status: 'ok' }) as GraphNode;
const change = (revision: number, ids: string[]): TopologyChange => ({
  revision,
  upsertNodes: ids.map(node),
  removeNodes: [],
  upsertEdges: [],
  removeEdges: [],
});
const event = (revision: number, ns: string, ids: string[]): ChangeEvent => ({
  revision,
  cluster: change(revision, ids),
  namespaces: new Map([[ns, change(revision, ids)]]),
});

test('a resuming viewer gets the changes after its revision, for its scope; beyond what is kept, nothing (a snapshot)', () => {
  const log = new ReplayLog({ replay: 3 });
  for (let r = 11; r <= 15; r++) log.keep(event(r, r % 2 ? 'a' : 'b', [`n${r}`]));
  assert.deepEqual(log.since(15, 15), [], 'up to date');
  assert.deepEqual(
    log.since(13, 15)?.map((c) => c.revision),
    [14, 15],
  );
  assert.deepEqual(
    log.since(12, 15, 'a')?.map((c) => c.revision),
    [13, 15],
    "its namespace's share only",
  );
  assert.equal(log.since(11, 15), undefined, 'revision 12 was dropped: no gapless replay');
  assert.equal(log.since(16, 15), undefined, 'a revision from the future (another process)');
});

test('the kept changes are bounded by their nodes and edges too', () => {
  const log = new ReplayLog({ replay: 100, replayItems: 5 });
  log.keep(event(1, 'a', ['x1', 'x2', 'x3']));
  log.keep(event(2, 'a', ['y1', 'y2', 'y3']));
  assert.equal(log.since(0, 2), undefined, 'the first went to keep the items under 5');
  assert.deepEqual(
    log.since(1, 2)?.map((c) => c.revision),
    [2],
  );
});
