import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitAll, initialView, READABLE_K } from './viewport';

const inside = (box: { width: number; height: number }, g: { width: number; height: number }, v: { x: number; y: number; k: number }) =>
  v.x >= 0 && v.y >= 0 && v.x + g.width * v.k <= box.width && v.y + g.height * v.k <= box.height;

test('fit puts the whole graph inside the box, centred, for tall and wide graphs', () => {
  const box = { width: 1240, height: 495 };
  for (const g of [{ width: 1560, height: 1980 }, { width: 1560, height: 200 }, { width: 300, height: 300 }]) {
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
