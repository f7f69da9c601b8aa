import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitAll, initialView, READABLE_K, reveal } from './viewport';

const inside = (
  box: { width: number; height: number },
  g: { width: number; height: number },
  v: { x: number; y: number; k: number },
) => v.x >= 0 && v.y >= 0 && v.x + g.width * v.k <= box.width && v.y + g.height * v.k <= box.height;

test('fit puts the whole graph inside the box, centred, for tall and wide graphs', () => {
  const box = { width: 1240, height: 495 };
  for (const g of [
    { width: 1560, height: 1980 },
    { width: 1560, height: 200 },
    { width: 300, height: 300 },
  ]) {
    const v = fitAll(box, g);
    assert.ok(inside(box, g, v), `${JSON.stringify(g)} → ${JSON.stringify(v)}`);
    assert.ok(Math.abs(v.x - (box.width - g.width * v.k) / 2) < 1e-9, 'centred horizontally');
  }
  assert.ok(fitAll(box, { width: 300, height: 300 }).k <= 1.2, 'a small graph is not blown up');
});

test('the first view shows everything when legible, else the full width from the top at a legible scale', () => {
  const box = { width: 1240, height: 495 };
  const small = { width: 1560, height: 400 };
  assert.deepEqual(initialView(box, small), fitAll(box, small));
  const tall = { width: 1560, height: 1980 };
  const v = initialView(box, tall);
  assert.ok(v.k >= READABLE_K && v.k <= 1, `legible: ${v.k}`);
  assert.ok(v.x >= 0 && v.x + tall.width * v.k <= box.width, 'the full width is in view');
  assert.equal(v.y, 40, 'starts at the top band');
});

test('selecting a node brings it into view with the least panning, the graph keeping its left edge when it fits', () => {
  const box = { width: 900, height: 500 };
  const graph = { width: 780, height: 1400 };
  const right = { x: 590, y: 1200, width: 190, height: 46 };
  const v = reveal(box, graph, { x: 40, y: 40, k: 1 }, right);
  assert.equal(v.x, 40, 'the left column stays at the margin');
  assert.ok(
    v.y + right.y * v.k >= 40 && v.y + (right.y + right.height) * v.k <= box.height - 40,
    'the node is in view vertically',
  );
  assert.deepEqual(reveal(box, graph, v, right), v, 'a node in view does not move the camera');
  const wider = { width: 1300, height: 400 };
  const edge = { x: 1110, y: 100, width: 190, height: 46 };
  const z = reveal(box, wider, { x: 40, y: 40, k: 1 }, edge);
  assert.deepEqual(
    [z.x, z.k],
    [40, (box.width - 80) / wider.width],
    'a little wider: zoomed out to its width, still legible, left edge kept',
  );
  assert.ok(z.k >= READABLE_K);
  const wide = { width: 2400, height: 400 };
  const far = { x: 2200, y: 100, width: 190, height: 46 };
  const w = reveal(box, wide, { x: 40, y: 40, k: 1 }, far);
  assert.ok(
    w.x + (far.x + far.width) * w.k <= box.width - 40 && w.x + far.x * w.k >= 40,
    'too wide to fit legibly: the node is panned in',
  );
  assert.equal(w.x, box.width - 40 - (far.x + far.width), 'by no more than it needs');
  const tiny = reveal(box, wide, { x: 0, y: 0, k: 0.1 }, far);
  assert.ok(tiny.k >= READABLE_K, 'an unreadable zoom becomes a legible one');
});
