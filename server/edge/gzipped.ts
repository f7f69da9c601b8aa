/**
 * The edge answers the largest document itself: `/api/v1/topology` (52 MB of JSON at 20,000
 * pods) gzipped once per snapshot, in zlib's thread pool, and the same bytes sent to every
 * request until the next change; compressing it per request cost ~0.8 s each. Anything else
 * (other parameters, a client without gzip, a runtime not started, bad input) goes on to
 * Next's route, which validates and answers errors.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import { isNamespaceName } from '@/lib/names';
import { parseScope } from '@/lib/wire/scope';
import { CLUSTER_HEADER } from '@/lib/wire/clusters';
import { publishedSnapshots } from '../stream/published';

const gzipAsync = promisify(gzip);
const compressed = new WeakMap<Uint8Array, Promise<Buffer>>();
const PARAMS = new Set(['namespace', 'kinds']);

function gzipped(json: Uint8Array): Promise<Buffer> {
  let z = compressed.get(json);
  if (!z) compressed.set(json, (z = gzipAsync(json, { level: constants.Z_BEST_SPEED })));
  return z;
}

/** Whether the request was answered here. */
export async function answerGzippedTopology(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
  const url = new URL(req.url ?? '/', 'http://edge');
  // Another cluster's topology is its own runtime's: the route answers it.
  if (url.pathname !== '/api/v1/topology' || req.headers[CLUSTER_HEADER] !== undefined) return false;
  const keys = [...url.searchParams.keys()];
  if (keys.some((k) => !PARAMS.has(k)) || new Set(keys).size !== keys.length) return false;
  const scope = parseScope(url.searchParams, isNamespaceName);
  const snapshots = publishedSnapshots();
  if ('error' in scope || !snapshots) return false;
  const body = await gzipped(snapshots.snapshotBytes(scope.namespace, scope.kinds).json);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Encoding': 'gzip',
    'Content-Length': body.byteLength,
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
  });
  res.end(body);
  return true;
}
