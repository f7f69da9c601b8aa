import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DrawnChange, DrawnTopology } from '@/lib/wire/group';
import type { GraphEdge, GraphNode, Topology, TopologyChange } from '@/lib/wire/topology';
import { GroupedViews, type GroupedSource } from './grouped';
import { testNode } from '@/test/support/nodes';

/** A StatefulSet of `n` pods, pod `bad` failing; big enough to be grouped. */
function cluster(n: number, bad: number, revision: number): Topology {
  const nodes: GraphNode[] = [testNode('StatefulSet', 'db', { namespace: 'a' })];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(testNode('Pod', `db-${i}`, { namespace: 'a', status: i === bad ? 'error' : 'ok' }));
    edges.push({
      id: `owns:StatefulSet/a/db->Pod/a/db-${i}`,
      kind: 'owns',
      source: 'StatefulSet/a/db',
      target: `Pod/a/db-${i}`,
    });
  }
  return { revision, nodes, edges };
}

function source(n: number) {
  let t = cluster(n, -1, 1);
  const listeners = new Set<(e: { cluster: TopologyChange; namespaces: Map<string, TopologyChange> }) => void>();
  const src: GroupedSource = { snapshot: () => t, onChange: (fn) => (listeners.add(fn), () => listeners.delete(fn)) };
  const change = (bad: number) => {
    t = cluster(n, bad, t.revision + 1);
    const c: TopologyChange = {
      revision: t.revision,
      upsertNodes: [t.nodes[bad + 1]],
      removeNodes: [],
      upsertEdges: [],
      removeEdges: [],
    };
    for (const fn of listeners) fn({ cluster: c, namespaces: new Map([['a', c]]) });
  };
  return { src, change, listeners };
}

async function until<T>(what: string, get: () => T | undefined, deadlineMs = 3000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a big set arrives grouped; a failing pod turns its group to error in one shared change', async () => {
  const s = source(4000);
  const views = new GroupedViews(s.src, { intervalMs: 10 });
  const got: DrawnChange[][] = [[], []];
  const offs = got.map((list) => views.subscribe({}, (c) => list.push(c)));
  const first = JSON.parse(Buffer.from(views.snapshotBytes({}).json).toString()) as DrawnTopology;
  assert.ok(first.nodes.length < 10, `4,001 nodes drawn as ${first.nodes.length}`);
  assert.equal(first.grouped, 4000);
  s.change(7);
  const [c] = await until('a change', () => (got[0].length ? got[0] : undefined));
  assert.equal(got[1][0], c, 'both viewers get the same change object (encoded once)');
  const pods = c.upsertNodes.find((n) => n.id === 'Group/a/db/pods');
  assert.equal(pods?.status, 'error');
  assert.equal(s.listeners.size, 1, 'one engine subscription per scope');
  for (const off of offs) off();
  assert.equal(s.listeners.size, 0, 'the last viewer gone, the view is dropped');
});

test('problems only are chosen before grouping: the failing pod is drawn by itself', () => {
  const s = source(4000);
  s.change(3);
  const views = new GroupedViews(s.src);
  const t = JSON.parse(Buffer.from(views.snapshotBytes({ problems: true }).json).toString()) as DrawnTopology;
  assert.deepEqual(t.nodes.map((n) => n.id).sort(), ['Pod/a/db-3', 'StatefulSet/a/db']);
});
