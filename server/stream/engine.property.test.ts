import assert from 'node:assert/strict';
import { env } from 'node:process';
import { test } from 'node:test';
import type { GraphEdge, GraphNode } from '@/lib/wire/topology';
import { World } from '@/test/support/world';
import { ConfigHistory } from '../cache/confighistory';
import { allStores } from '../cache/indexes';
import type { StoreChange } from '../cache/store';
import { createStores } from '../cache/view';
import { buildGraph } from '../topology/graph';
import { TopologyEngine } from './engine';

/**
 * The engine's promise, as a property: after any sequence of creates, updates and deletes over
 * every kind, its incremental state is the graph a from-scratch build of the same stores makes,
 * node for node and edge for edge. Seeded; a failure names its seed and the operations up to it
 * (PROPERTY_SEED=N replays one, PROPERTY_SEQUENCES=N runs more).
 */
// The test's own knobs, not the product's settings (server/settings).
const SEQUENCES = Number(env.PROPERTY_SEQUENCES ?? 1000);
const STEPS = 30;

function byId<T extends { id: string }>(items: Iterable<T>): Map<string, string> {
  return new Map([...items].map((i) => [i.id, JSON.stringify(i)]));
}

/** The first difference between two graphs, in words; undefined when they are the same. */
function difference(
  got: { nodes: GraphNode[]; edges: GraphEdge[] },
  want: { nodes: GraphNode[]; edges: GraphEdge[] },
): string | undefined {
  for (const [what, a, b] of [
    ['node', byId(got.nodes), byId(want.nodes)],
    ['edge', byId(got.edges), byId(want.edges)],
  ] as const) {
    for (const [id, json] of b) {
      if (!a.has(id)) return `the engine lacks ${what} ${id}`;
      if (a.get(id) !== json) return `${what} ${id} differs:\n  engine:  ${a.get(id)}\n  scratch: ${json}`;
    }
    for (const id of a.keys()) if (!b.has(id)) return `the engine has ${what} ${id}, which a fresh build does not`;
  }
  return undefined;
}

function run(seed: number): string | undefined {
  // The clock moves between operations: durations travel as `since` times, and thresholds crossed
  // meanwhile are the engine's to rebuild (`wake`, what its timer calls) — as a fresh build would say.
  const world = new World(seed);
  const stores = createStores();
  const history = new ConfigHistory();
  const listeners = new Set<(c: StoreChange) => void>();
  for (const st of allStores(stores)) st.onChange((c) => listeners.forEach((fn) => fn(c)));
  const source = {
    stores,
    history,
    onChange: (fn: (c: StoreChange) => void) => (listeners.add(fn), () => listeners.delete(fn)),
    listed: true,
    onState: () => () => undefined,
  };
  const engine = new TopologyEngine(source, { coalesceMs: 60_000, now: () => world.now() });
  engine.start();
  const done: string[] = [];
  try {
    for (let step = 0; step < STEPS; step++) {
      const op = world.next();
      op.apply(stores);
      done.push(op.text);
      engine.wake();
      engine.flush();
      const d = difference(engine.snapshot(), buildGraph(stores, {}, world.now(), history));
      if (d) return `seed ${seed}, step ${step + 1}: ${d}\n  after: ${done.slice(-8).join('; ')}`;
    }
    return undefined;
  } finally {
    engine.stop();
  }
}

test(`the incremental graph equals a fresh build after every step of ${SEQUENCES} random sequences`, () => {
  const only = env.PROPERTY_SEED;
  const seeds = only ? [Number(only)] : Array.from({ length: SEQUENCES }, (_, i) => i + 1);
  for (const seed of seeds) {
    const failure = run(seed);
    assert.equal(failure, undefined, failure);
  }
});
