import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphNode } from '@/lib/wire/topology';
import type { StoreChange } from '../cache/store';
import type { KObject } from '../cache/types';
import { changeShows } from './reads';

const change = (kind: string, obj: Record<string, unknown>): StoreChange => ({ kind, cause: 'watch', key: 'x', namespace: 'a', obj: obj as unknown as KObject });
const event = (name: string) => change('Event', { metadata: { name: `${name}.1`, namespace: 'a' }, involvedObject: { kind: 'Pod', namespace: 'a', name } });
const drawn = new Map<string, GraphNode>([
  ['Pod/a/ready', { id: 'Pod/a/ready', status: 'ok' } as GraphNode],
  ['Pod/a/stuck', { id: 'Pod/a/stuck', status: 'warning' } as GraphNode],
]);

test('a change rebuilds only where a node can show it: events about unhealthy objects, never a revision', () => {
  const at = (id: string) => drawn.get(id);
  assert.equal(changeShows(change('Pod', { metadata: { name: 'p', namespace: 'a' } }), at), true);
  assert.equal(changeShows(change('ControllerRevision', { metadata: { name: 'db-1', namespace: 'a' } }), at), false);
  assert.equal(changeShows(event('ready'), at), false, 'a Ready pod reads no events');
  assert.equal(changeShows(event('stuck'), at), true, "a stuck pod's why is its newest warning");
  assert.equal(changeShows(event('gone'), at), false, 'about nothing drawn');
  assert.equal(changeShows(change('Event', { metadata: { name: 'n', namespace: 'a' }, involvedObject: { kind: 'Node', name: 'n1' } }), at), false);
});
