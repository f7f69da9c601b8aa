import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DrawnNode } from './group';
import { layout } from './layout';
import { paint, type Palette } from './paint';
import { testNode } from '@/test/support/nodes';

/** Records what would be painted: there is no canvas in Node, and the culling is what is tested. */
function recorder() {
  const texts: string[] = [];
  const noop = () => undefined;
  const ctx = { clearRect: noop, save: noop, restore: noop, translate: noop, scale: noop, fillRect: noop, strokeRect: noop, beginPath: noop, moveTo: noop, bezierCurveTo: noop, stroke: noop, fillText: (t: string) => texts.push(t) };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts };
}

const palette = new Proxy({}, { get: () => '#000' }) as Palette;

test('only nodes in view are painted, with their names once zoomed in enough to read', () => {
  const nodes: DrawnNode[] = Array.from({ length: 2000 }, (_, i) => (testNode('Pod', `p-${i}`, { namespace: 'a' })));
  const l = layout({ nodes, edges: [] });
  const r = recorder();
  paint(r.ctx, { nodes, edges: [], layout: l, transform: { x: 0, y: 0, k: 1 }, selected: null, matches: null, size: { width: 1200, height: 600 } }, palette);
  const names = r.texts.filter((t) => t.startsWith('POD'));
  assert.ok(names.length > 5 && names.length < 20, `${names.length} painted`);
  assert.ok(names[0].includes('p-0'));
  const far = recorder();
  paint(far.ctx, { nodes, edges: [], layout: l, transform: { x: 0, y: -l.positions['Pod/a/p-1500'].y, k: 1 }, selected: null, matches: null, size: { width: 1200, height: 600 } }, palette);
  assert.ok(far.texts.some((t) => t.includes('p-1500')) && !far.texts.some((t) => t.endsWith(' p-0')));
  const small = recorder();
  paint(small.ctx, { nodes, edges: [], layout: l, transform: { x: 0, y: 0, k: 0.2 }, selected: null, matches: null, size: { width: 1200, height: 600 } }, palette);
  assert.equal(small.texts.filter((t) => t.startsWith('POD')).length, 0, 'no names at an unreadable zoom');
});
