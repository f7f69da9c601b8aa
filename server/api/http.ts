/**
 * Helpers for the thin route handlers: JSON answers, errors as
 * `{ error: { code, message } }`, validated inputs, and the runtime or a 503.
 */

import 'server-only';
import { headers } from 'next/headers';
import { Busy } from '../audit/offthread';
import { DamagedHistory } from '../audit/rebuild';
import type { KindTypes } from '../cache/types';
import { getRuntime, type Runtime } from '../runtime';
import { clusterOf, viewerRuntime } from './viewer';
import { isNamespaceName, isObjectName } from '@/lib/names';
import { parseScope, type TopologyScope } from '@/lib/wire/scope';
import { syncText } from '@/lib/wire/topology';

const HEADERS = { 'Cache-Control': 'no-store' };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...HEADERS, ...headers } });
}

/** A JSON body serialized already (a cached snapshot's bytes). */
export function jsonText(body: string | Uint8Array<ArrayBuffer>, status = 200): Response {
  return new Response(body, { status, headers: { ...HEADERS, 'content-type': 'application/json' } });
}

export function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message } }, status, headers);
}

export class BadInput extends Error {}

/** The query's parameters; throws BadInput for one not in `allowed` or one given twice. */
export function queryParams(url: string, allowed: readonly string[]): URLSearchParams {
  const params = new URL(url).searchParams;
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (!allowed.includes(k))
      throw new BadInput(
        `unknown query parameter "${k.slice(0, 64)}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
      );
    if (seen.has(k)) throw new BadInput(`query parameter "${k}" given more than once`);
    seen.add(k);
  }
  return params;
}

/** `?namespace=` if present and valid; throws BadInput otherwise. Unknown or repeated parameters are refused too. */
export function namespaceParam(url: string, allowed: readonly string[] = ['namespace']): string | undefined {
  const ns = queryParams(url, allowed).get('namespace');
  if (ns === null) return undefined;
  checkNamespace(ns);
  return ns;
}

/**
 * `?namespace=` and `?kinds=` (comma-separated node kinds) of a topology request, validated;
 * throws BadInput for a bad value, an unknown parameter or a repeated one.
 */
export function scopeParams(url: string, allowed: readonly string[] = ['namespace', 'kinds']): TopologyScope {
  const scope = parseScope(queryParams(url, allowed), isNamespaceName);
  if ('error' in scope) throw new BadInput(scope.error);
  return scope;
}

/** What a topology request asks for: the graph (absent), the graph grouped as the topology view draws it, or the overview's summary. */
export type View = 'topology' | 'grouped' | 'summary';

export function viewParam(params: URLSearchParams, allowed: readonly View[] = ['grouped', 'summary']): View {
  const v = params.get('view');
  if (v === null) return 'topology';
  const found = allowed.find((a) => a === v);
  if (!found)
    throw new BadInput(`view must be ${allowed.map((a) => `"${a}"`).join(' or ')}, or absent for the topology`);
  return found;
}

/** `?problems=true` of a grouped view: only what is not ok and its neighbours. */
export function problemsParam(params: URLSearchParams, view: View): boolean {
  const v = params.get('problems');
  if (v === null) return false;
  if (view !== 'grouped') throw new BadInput('problems applies to view=grouped only');
  if (v !== 'true' && v !== 'false') throw new BadInput('problems must be true or false');
  return v === 'true';
}

export function checkNamespace(ns: string): void {
  if (!isNamespaceName(ns))
    throw new BadInput(
      'namespace must be a valid Kubernetes namespace name (a DNS-1123 label of at most 63 characters)',
    );
}

export function checkName(name: string): void {
  if (!isObjectName(name))
    throw new BadInput('name must be a valid Kubernetes object name (a DNS-1123 subdomain of at most 253 characters)');
}

export function checkNames(ns: string, name: string): void {
  checkNamespace(ns);
  checkName(name);
}

/**
 * Runs a handler with the request's runtime — the viewer's, under per-viewer access (a 403 when
 * they have none); maps bad input to 400 and an unavailable cluster to 503.
 */
export async function withRuntime(fn: (rt: Runtime) => Response | Promise<Response>): Promise<Response> {
  try {
    const h = await headers();
    const r = getRuntime(clusterOf(h));
    if (!r.ok) return r.notFound ? error(404, 'NotFound', r.error) : error(503, 'ClusterUnavailable', r.error);
    const rt = await viewerRuntime(r.runtime, h);
    if ('denied' in rt) return rt.pending ? error(503, 'CacheSyncing', rt.denied) : error(403, 'NoAccess', rt.denied);
    return await fn(rt);
  } catch (e) {
    if (e instanceof BadInput) return error(400, 'BadRequest', e.message);
    if (e instanceof DamagedHistory) return error(422, 'HistoryDamaged', e.message);
    if (e instanceof Busy) return error(429, 'Busy', e.message, { 'Retry-After': String(e.retryAfterS) });
    console.error('ordinal: request failed', e);
    return error(500, 'InternalError', 'the request could not be answered; see the server log');
  }
}

/** The cache must have listed a kind before its absence of objects means anything. */
export function notSynced(rt: Runtime, kinds: string[]): Response | undefined {
  const status = rt.cache.syncStatus();
  const pending = kinds.filter((k) => status[k]?.state !== 'synced');
  if (pending.length === 0) return undefined;
  return error(
    503,
    'CacheSyncing',
    `the cache has not synced ${pending.map((k) => `${k} (${syncText(status[k] ?? { state: 'syncing' })})`).join(', ')} yet`,
  );
}

type Named = 'Pod' | 'Service' | 'StatefulSet';

/**
 * A route for one namespaced object by `{ns}/{name}`: the name checked, the object from the cache
 * (404 once its kind has synced, 503 before), then `answer`. `allowed` are its query parameters.
 */
export function oneObject<K extends Named>(
  kind: K,
  allowed: readonly string[],
  answer: (o: KindTypes[K], rt: Runtime, q: URLSearchParams, req: Request) => Response | Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<{ ns: string; name: string }> }): Promise<Response> => {
    const { ns, name } = await ctx.params;
    return withRuntime((rt) => {
      const q = queryParams(req.url, allowed);
      checkNames(ns, name);
      const o = rt.cache.stores[kind].get(ns, name) as KindTypes[K] | undefined;
      if (!o) return notSynced(rt, [kind]) ?? error(404, 'NotFound', `${kind.toLowerCase()} ${ns}/${name} not found`);
      return answer(o, rt, q, req);
    });
  };
}
