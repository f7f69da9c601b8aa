import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { GraphEdge, GraphNode, Topology } from '@/lib/wire/topology';
import { gzipped, topologyJsonPieces } from './gzipped';

function topology(nodes: number, edges: number): Topology {
  const node = (i: number): GraphNode => ({
    id: `Pod/db/<b>pod-${i}</b>-é𝒳`,
    kind: 'Pod',
    namespace: 'db',
    name: `pod-${i}\u2028"quoted"`,
    status: i % 7 ? 'ok' : 'error',
    info: { phase: 'Running', ready: i % 2 === 0, revision: 'db-1', node: '', restarts: i, started: '' },
    // A field left undefined is left out, in pieces as in JSON.stringify.
    ...(i % 3 ? {} : { findings: undefined }),
  });
  const edge = (i: number): GraphEdge => ({
    id: `owns:StatefulSet/db/x->Pod/db/pod-${i}`,
    source: 'StatefulSet/db/x',
    target: `Pod/db/pod-${i}`,
    kind: 'owns',
  });
  return {
    revision: 1_765_000_000_123,
    nodes: Array.from({ length: nodes }, (_, i) => node(i)),
    edges: Array.from({ length: edges }, (_, i) => edge(i)),
  };
}

test('the pieces of a snapshot are its JSON exactly, however many pieces it takes', () => {
  for (const [n, e] of [
    [0, 0],
    [1, 0],
    [999, 1_000],
    [2_501, 1_001],
  ]) {
    const t = topology(n, e);
    const pieces = [...topologyJsonPieces(t)];
    assert.equal(pieces.join(''), JSON.stringify(t), `${n} nodes, ${e} edges`);
    assert.ok(
      pieces.every((p) => p.length < 1_000_000),
      'no piece is the whole document',
    );
  }
});

test('a snapshot is gzipped once: the same bytes for the same snapshot, which unzip to its JSON', async () => {
  const t = topology(3_000, 5_000);
  const z = await gzipped(t);
  assert.equal(gunzipSync(z).toString('utf8'), JSON.stringify(t));
  assert.equal(await gzipped(t), z, 'the second ask is the first answer');
  const other = topology(3_000, 5_000);
  assert.notEqual(await gzipped(other), z, 'another snapshot (revision) is compressed on its own');
});
