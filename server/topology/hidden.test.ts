import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFixtures } from '../../test/support/fixtures';
import { restrictStores } from '../cache/restrict';
import { namespaceGraph } from './graph';

/** Derivations over a viewer's restricted view: what it hides is not called missing. */
const live = loadFixtures(join(import.meta.dirname, '../../test/fixtures/topology/demo-cluster.yaml'));

test('a Service or StatefulSet whose pods the viewer may not list is not said to select or have none', () => {
  const noPods = restrictStores(live, (kind, ns) => ns === 'databases' && kind !== 'Pod');
  const svc = noPods.Service.list('databases').find((s) => s.spec.selector && Object.keys(s.spec.selector).length);
  assert.ok(svc);
  const g = namespaceGraph(noPods, 'databases', Date.parse('2026-12-03T00:00:00Z'));
  const codes = g.nodes.flatMap((n) => (n.findings ?? []).map((f) => f.code));
  assert.ok(!codes.includes('service.selectorMatchesNothing'), codes.join());
  assert.ok(!codes.includes('ordinal.noPodYet'));
  assert.equal(g.nodes.filter((n) => n.kind === 'Pod').length, 0);
});
