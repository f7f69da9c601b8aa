import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeCluster } from './cluster';

test('/c/{cluster} comes off the path, the name decoded; the bare prefix redirects; a bad name is a 400', () => {
  assert.deepEqual(routeCluster('/topology?namespace=db'), { url: '/topology?namespace=db' });
  assert.deepEqual(routeCluster('/c/west/api/v1/topology?kinds=Pod'), {
    url: '/api/v1/topology?kinds=Pod',
    cluster: 'west',
  });
  assert.deepEqual(routeCluster('/c/gke_p_z_prod%2Feu/'), { url: '/', cluster: 'gke_p_z_prod/eu' });
  assert.deepEqual(routeCluster('/c/west?x=1'), { redirect: '/c/west/?x=1' });
  for (const bad of ['/c/%ZZ/', '/c//topology', '/c/a%00b/'])
    assert.equal((routeCluster(bad) as { status?: number }).status, 400, bad);
  assert.deepEqual(routeCluster('/cluster/x'), { url: '/cluster/x' }, 'only the /c/ segment');
});
