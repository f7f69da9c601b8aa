import assert from 'node:assert/strict';
import test from 'node:test';
import { sameJson } from './samejson';

/** A serialization with every object's keys sorted: equal exactly when the values are, as JSON. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'object' && x !== null && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

test('sameJson agrees with comparing canonical serializations, on nodes as the builders make them and on edge cases', () => {
  const node = {
    id: 'Pod/a/p',
    kind: 'Pod',
    status: 'ok',
    info: { phase: 'Running', ready: true, restarts: 0 },
    findings: [{ code: 'x', params: { n: 1 } }],
  };
  const cases: Array<[unknown, unknown]> = [
    [node, structuredClone(node)],
    [node, { ...node, info: { ...node.info, ready: false } }],
    [node, { ...node, findings: [...node.findings, { code: 'y', params: {} }] }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: 1 }, { a: 1, b: undefined }],
    [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
    ],
    [{ a: 1, b: 2 }, { a: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: { b: [1, 2] } }, { a: { b: [2, 1] } }],
    [{ a: null }, { a: undefined }],
    [
      [1, 2],
      [1, 2, 3],
    ],
    [[], []],
    [{ a: [] }, { a: {} }],
    [{ 0: 'x' }, ['x']],
    [null, {}],
    ['1', 1],
  ];
  for (const [a, b] of cases)
    assert.equal(sameJson(a, b), canonical(a) === canonical(b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
});
