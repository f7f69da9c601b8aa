import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { ROUTES, routeOf } from './routes';

const APP = resolve(import.meta.dirname, '../../app');

/** Every page and route file under app/, as its URL pattern (the API's catch-all 404 left out). */
function appRoutes(dir = APP, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...appRoutes(p, `${prefix}/${e}`));
    else if ((e === 'page.tsx' || e === 'route.ts') && !prefix.includes('[[...')) out.push(prefix || '/');
  }
  return out;
}

test('the route table is the app directory', () => {
  assert.deepEqual([...ROUTES].sort(), appRoutes().sort());
});

test('a path is labelled by its route; values and made-up paths never become labels', () => {
  assert.equal(routeOf('/api/v1/statefulsets/messaging/kafka'), '/api/v1/statefulsets/[ns]/[name]');
  assert.equal(routeOf('/api/v1/objects/Pod/db/pg-0'), '/api/v1/objects/[kind]/[...path]');
  assert.equal(routeOf('/api/v1/topology'), '/api/v1/topology');
  assert.equal(routeOf('/'), '/');
  assert.equal(routeOf('/_next/static/chunks/app.js'), '/_next');
  assert.equal(routeOf('/api/v1/made-up-123'), 'other');
  assert.equal(routeOf('/statefulsets/a/b/c'), 'other');
});
