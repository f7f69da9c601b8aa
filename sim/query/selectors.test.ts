import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesFields, parseFieldSelector } from './fields';
import { formatSelector, matchesRequirements, parseLabelSelector, requirementsOf, SelectorError } from './labels';

const labels = { app: 'db', tier: 'data', 'app.kubernetes.io/name': 'postgres' };
const match = (sel: string, l: Record<string, string> = labels) => matchesRequirements(l, parseLabelSelector(sel));

test('label selectors: equality, inequality, sets and existence', () => {
  assert.equal(match('app=db'), true);
  assert.equal(match('app==db,tier=data'), true);
  assert.equal(match('app!=db'), false);
  assert.equal(match('missing!=x'), true, '!= matches objects without the key');
  assert.equal(match('tier in (data, cache)'), true);
  assert.equal(match('tier notin (data)'), false);
  assert.equal(match('app.kubernetes.io/name'), true);
  assert.equal(match('!app'), false);
  assert.equal(match('!other'), true);
  assert.equal(match(''), true, 'an empty selector matches everything');
});

test('invalid label selectors are rejected with a message naming the problem', () => {
  assert.throws(() => parseLabelSelector('app=<script>'), SelectorError);
  assert.throws(() => parseLabelSelector('-bad=x'), /invalid label key/);
});

test('structured selectors convert to requirements and to the kubectl string form', () => {
  const sel = {
    matchLabels: { app: 'db' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['data'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  };
  assert.equal(matchesRequirements(labels, requirementsOf(sel)), true);
  assert.equal(matchesRequirements({ ...labels, canary: 'y' }, requirementsOf(sel)), false);
  assert.equal(formatSelector(sel), 'app=db,tier in (data),!canary');
  assert.throws(() => requirementsOf({ matchExpressions: [{ key: 'a', operator: 'Near' }] }), SelectorError);
});

test('field selectors read dotted paths, as kubectl describe sends them', () => {
  const ev = { metadata: { name: 'e1', namespace: 'ns' }, involvedObject: { kind: 'Pod', name: 'db-0', uid: 'u1' } };
  assert.equal(matchesFields(ev, parseFieldSelector('involvedObject.name=db-0,involvedObject.uid=u1')), true);
  assert.equal(matchesFields(ev, parseFieldSelector('involvedObject.kind!=Pod')), false);
  assert.equal(matchesFields({ status: {} }, parseFieldSelector('status.phase!=Failed,status.phase!=Succeeded')), true);
  assert.throws(() => parseFieldSelector('nonsense'), SelectorError);
});
