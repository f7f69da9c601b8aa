import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DrawnNode } from '@/lib/wire/group';
import { layout } from './layout';
import { paint, type Palette } from './paint';
import { graphLabels } from './labels';
import { bandCounts } from './shapes';
import { testWords } from '@/test/support/words';

const labels = graphLabels(testWords());
import { testNode } from '@/test/support/nodes';

/** Path2D as far as painting uses it, counting the shapes added: there is no canvas in Node. */
class RecordedPath {
  static shapes = 0;
  static curves = 0;
  rect(): void {
    RecordedPath.shapes++;
  }
  moveTo(): void {}
  bezierCurveTo(): void {
    RecordedPath.shapes++;
    RecordedPath.curves++;
  }
}
(globalThis as unknown as { Path2D: unknown }).Path2D = RecordedPath;

/** Records what would be painted: the culling and the batching are what is tested. */
function recorder() {
  const texts: string[] = [];
  let strokes = 0;
  const noop = () => undefined;
  const ctx = {
    clearRect: noop,
    save: noop,
    restore: noop,
    translate: noop,
    scale: noop,
    fillRect: noop,
    strokeRect: noop,
    fill: noop,
    stroke: () => strokes++,
    fillText: (t: string) => texts.push(t),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, strokes: () => strokes };
}

const palette = new Proxy({}, { get: () => '#000' }) as Palette;

test('only nodes in view are painted, with their names once zoomed in enough to read', () => {
  const nodes: DrawnNode[] = Array.from({ length: 2000 }, (_, i) => testNode('Pod', `p-${i}`, { namespace: 'a' }));
  const l = layout({ nodes, edges: [] });
  const r = recorder();
  paint(
    r.ctx,
    {
      nodes,
      edges: [],
      layout: l,
      transform: { x: 0, y: 0, k: 1 },
      selected: null,
      matches: null,
      size: { width: 1200, height: 600 },
      labels,
    },
    palette,
  );
  const names = r.texts.filter((t) => t.startsWith('POD'));
  assert.ok(names.length > 5 && names.length < 20, `${names.length} painted`);
  assert.ok(names[0].includes('p-0'));
  const far = recorder();
  paint(
    far.ctx,
    {
      nodes,
      edges: [],
      layout: l,
      transform: { x: 0, y: -l.positions['Pod/a/p-1500'].y, k: 1 },
      selected: null,
      matches: null,
      size: { width: 1200, height: 600 },
      labels,
    },
    palette,
  );
  assert.ok(far.texts.some((t) => t.includes('p-1500')) && !far.texts.some((t) => t.endsWith(' p-0')));
  const small = recorder();
  paint(
    small.ctx,
    {
      nodes,
      edges: [],
      layout: l,
      transform: { x: 0, y: 0, k: 0.2 },
      selected: null,
      matches: null,
      size: { width: 1200, height: 600 },
      labels,
    },
    palette,
  );
  assert.equal(small.texts.filter((t) => t.startsWith('POD')).length, 0, 'no names at an unreadable zoom');
  // The band says what it holds instead: its counts, as data, worded by the one title function.
  const counts = bandCounts(nodes, l).get('a');
  assert.deepEqual(counts, { objects: 2000, problems: 0 });
  assert.ok(small.texts.includes(labels.bandTitle('a', counts)), `painted: ${small.texts.slice(0, 3).join(' | ')}`);
});

test('a pod running stale config is badged at any zoom, and says so once names are legible', () => {
  const nodes: DrawnNode[] = [testNode('Pod', 'p-0', { namespace: 'a' }), testNode('Pod', 'p-1', { namespace: 'a' })];
  if (nodes[1].kind === 'Pod') nodes[1].info.staleConfig = 1;
  const l = layout({ nodes, edges: [] });
  for (const k of [1, 0.2]) {
    const r = recorder();
    RecordedPath.shapes = 0;
    paint(
      r.ctx,
      {
        nodes,
        edges: [],
        layout: l,
        transform: { x: 0, y: 0, k },
        selected: null,
        matches: null,
        size: { width: 1200, height: 600 },
        labels,
      },
      palette,
    );
    assert.equal(r.texts.filter((t) => t === 'CFG').length, k === 1 ? 1 : 0, `k=${k}`);
    assert.equal(RecordedPath.shapes, 2 * 2 + 1, `two boxes, two bars and one badge at k=${k}`);
  }
});

test('thousands of edges and nodes are painted in a few batched strokes, not one each', () => {
  const nodes: DrawnNode[] = Array.from({ length: 3000 }, (_, i) =>
    testNode('Pod', `p-${i}`, { namespace: 'a', status: i % 7 ? 'ok' : 'error' }),
  );
  const edges = nodes.slice(1).map((n, i) => ({
    id: `owns:${i}`,
    kind: 'owns' as const,
    source: nodes[0].id,
    target: n.id,
    drift: i % 5 === 0 || undefined,
  }));
  const l = layout({ nodes, edges });
  const r = recorder();
  RecordedPath.shapes = 0;
  paint(
    r.ctx,
    {
      nodes,
      edges,
      layout: l,
      transform: { x: 0, y: 0, k: 0.05 },
      selected: null,
      matches: null,
      size: { width: 1200, height: 600 },
      labels,
    },
    palette,
  );
  assert.ok(RecordedPath.shapes > 3000, `${RecordedPath.shapes} shapes drawn`);
  assert.ok(r.strokes() <= 4, `${r.strokes()} strokes for edges and borders`);
});

test('too many edges at an unreadable zoom are thinned to those of problems and drift, and the picture says so', () => {
  const nodes: DrawnNode[] = Array.from({ length: 4000 }, (_, i) =>
    testNode('Pod', `p-${i}`, { namespace: 'a', status: i === 9 ? 'error' : 'ok' }),
  );
  const edges = nodes.slice(1).map((n, i) => ({
    id: `owns:${i}`,
    kind: 'owns' as const,
    source: nodes[0].id,
    target: n.id,
    drift: i === 100 || undefined,
  }));
  const l = layout({ nodes, edges });
  const size = { width: 1200, height: 600 };
  const far = recorder();
  RecordedPath.curves = 0;
  paint(
    far.ctx,
    { nodes, edges, layout: l, transform: { x: 0, y: 0, k: 0.001 }, selected: null, matches: null, size, labels },
    palette,
  );
  assert.equal(RecordedPath.curves, 2, 'the edge of the failing pod and the drift edge');
  assert.ok(far.texts.includes(labels.edgesHidden(edges.length - 2)), far.texts.join('\n'));
  assert.match(labels.edgesHidden(edges.length - 2), /^3,997 edges hidden/);
  const near = recorder();
  paint(
    near.ctx,
    { nodes, edges, layout: l, transform: { x: 0, y: 0, k: 1 }, selected: null, matches: null, size, labels },
    palette,
  );
  assert.ok(!near.texts.some((t) => t.includes('edges hidden')), 'zoomed in, every edge in view is drawn');
});
