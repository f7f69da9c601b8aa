import type { IncomingMessage, ServerResponse } from 'node:http';
import { isObject, omit } from '../model/meta';
import { apiVersionOf, type ResourceType } from '../model/resources';
import type { JsonObject, KubeObject } from '../model/types';
import { formatSelector, type LabelSelector } from '../query/labels';
import { badRequest, StatusError } from '../registry/errors';
import {
  applyPatch,
  compileFilter,
  PATCH_CONTENT_TYPES,
  type DeleteOptions,
  type Registry,
  type WriteOptions,
} from '../registry/registry';
import type { Faults } from './faults';
import type { ResourceRoute } from './route';
import { serveLog } from './logs';
import { readPage } from './paging';
import { toTable, wantsTable, type IncludeObject } from './table';
import { serveWatch, type WatchHub } from './watch';

export interface HandlerContext {
  registry: Registry;
  hub: WatchHub;
  faults: Faults;
}

export interface Reply {
  status: number;
  body: unknown;
}

const truthy = (v: string | null): boolean => v === 'true' || v === '1';

export function verbOf(method: string, route: ResourceRoute, q: URLSearchParams): string {
  switch (method) {
    case 'GET':
      if (truthy(q.get('watch'))) return 'watch';
      return route.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function managerOf(req: IncomingMessage, q: URLSearchParams): string {
  return q.get('fieldManager') ?? (req.headers['user-agent'] ?? 'unknown').split('/')[0];
}

function stripForList(o: KubeObject): JsonObject {
  return omit(o as JsonObject, 'apiVersion', 'kind') as JsonObject;
}

/** A page of a list, read in key order from the continue token's key (see paging.ts). */
function list(
  ctx: HandlerContext,
  req: IncomingMessage,
  r: ResourceType,
  route: ResourceRoute,
  q: URLSearchParams,
): Reply {
  const selectors = { labelSelector: q.get('labelSelector'), fieldSelector: q.get('fieldSelector') };
  // Like the apiserver: a remaining count only when no selector makes it a guess.
  const countable = !selectors.labelSelector && !selectors.fieldSelector;
  const page = readPage(ctx.registry.store, r, route.namespace || undefined, q, compileFilter(selectors), countable);
  const resourceVersion = String(page.resourceVersion);
  if (wantsTable(req.headers.accept)) {
    const opts = { include: includeOf(q), headers: true, resourceVersion, continueToken: page.continue };
    return { status: 200, body: toTable(r.kind, page.items, opts) };
  }
  const more = page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {};
  return {
    status: 200,
    body: {
      kind: `${r.kind}List`,
      apiVersion: apiVersionOf(r),
      metadata: { resourceVersion, ...more },
      items: page.items.map(stripForList),
    },
  };
}

function includeOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function toScale(sts: KubeObject): JsonObject {
  const spec = (sts as JsonObject).spec as JsonObject;
  const status = ((sts as JsonObject).status ?? {}) as JsonObject;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: sts.metadata.name,
      namespace: sts.metadata.namespace,
      uid: sts.metadata.uid,
      resourceVersion: sts.metadata.resourceVersion,
      creationTimestamp: sts.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, selector: formatSelector((spec.selector ?? {}) as LabelSelector) },
  };
}

function scale(
  ctx: HandlerContext,
  method: string,
  r: ResourceType,
  route: ResourceRoute,
  body: unknown,
  contentType: string,
  opts: WriteOptions,
): Reply {
  const name = route.name as string;
  const sts = ctx.registry.get(r, route.namespace, name);
  if (method === 'GET') return { status: 200, body: toScale(sts) };
  let next: JsonObject;
  if (method === 'PUT') next = body as JsonObject;
  else if (method === 'PATCH') next = applyPatch(toScale(sts), patchTypeOf(contentType), body) as JsonObject;
  else
    throw new StatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  const replicas = isObject(next?.spec) ? (next.spec as JsonObject).replicas : undefined;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new StatusError(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
    );
  }
  const updated = ctx.registry.mutate(
    r,
    sts,
    (o) => {
      ((o as JsonObject).spec as JsonObject).replicas = replicas;
    },
    opts,
  );
  return { status: 200, body: toScale(updated) };
}

function patchTypeOf(contentType: string) {
  const type = PATCH_CONTENT_TYPES[contentType.split(';')[0].trim()];
  if (!type) {
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_CONTENT_TYPES).join(', ')}`,
    );
  }
  return type;
}

function deleteOptions(q: URLSearchParams, body: unknown): DeleteOptions {
  const b = isObject(body) ? body : {};
  const grace = q.get('gracePeriodSeconds') ?? b.gracePeriodSeconds;
  const policy = (q.get('propagationPolicy') ??
    b.propagationPolicy ??
    (b.orphanDependents === true ? 'Orphan' : undefined)) as DeleteOptions['propagationPolicy'];
  if (policy && !['Background', 'Foreground', 'Orphan'].includes(policy))
    throw badRequest(`propagationPolicy: Unsupported value: "${policy}"`);
  return {
    propagationPolicy: policy,
    gracePeriodSeconds: grace === undefined || grace === null ? undefined : Number(grace),
    preconditions: isObject(b.preconditions) ? (b.preconditions as DeleteOptions['preconditions']) : undefined,
    dryRun: q.getAll('dryRun').includes('All') || (Array.isArray(b.dryRun) && b.dryRun.includes('All')),
  };
}

/** Dispatches one resource request; a watch writes to `res` itself and returns undefined. */
export function handleResource(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: ResourceRoute,
  q: URLSearchParams,
  body: unknown,
): Reply | undefined {
  const r = route.resource;
  const method = req.method ?? 'GET';
  const opts: WriteOptions = { manager: managerOf(req, q), dryRun: q.getAll('dryRun').includes('All') };
  // Reviews and token requests are answered by access.ts, before this.
  if (r.virtual)
    throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const contentType = String(req.headers['content-type'] ?? 'application/json');
  if (route.subresource === 'scale' && r.subresources.includes('scale') && route.name)
    return scale(ctx, method, r, route, body, contentType, opts);
  if (route.subresource === 'log' && r.subresources.includes('log') && route.name) {
    if (method !== 'GET')
      throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    serveLog(ctx.registry, res, String(route.namespace), route.name, q);
    return undefined;
  }
  if (route.subresource && (route.subresource !== 'status' || !r.subresources.includes('status'))) {
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  }
  if (route.subresource === 'status') opts.subresource = 'status';
  const reg = ctx.registry;
  switch (method) {
    case 'GET': {
      if (truthy(q.get('watch'))) {
        serveWatch(res, reg.store, ctx.hub, r, {
          namespace: route.namespace,
          name: route.name,
          labelSelector: q.get('labelSelector'),
          fieldSelector: q.get('fieldSelector'),
          resourceVersion: q.get('resourceVersion') ?? undefined,
          allowBookmarks: truthy(q.get('allowWatchBookmarks')),
          sendInitialEvents: truthy(q.get('sendInitialEvents')),
          timeoutSeconds: q.has('timeoutSeconds') ? Number(q.get('timeoutSeconds')) : undefined,
          table: wantsTable(req.headers.accept) ? { include: includeOf(q) } : undefined,
        });
        return undefined;
      }
      if (!route.name) return list(ctx, req, r, route, q);
      const o = reg.get(r, route.namespace, route.name);
      if (wantsTable(req.headers.accept))
        return {
          status: 200,
          body: toTable(r.kind, [o], {
            include: includeOf(q),
            headers: true,
            resourceVersion: o.metadata.resourceVersion,
          }),
        };
      return { status: 200, body: o };
    }
    case 'POST':
      if (route.name)
        throw new StatusError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      return { status: 201, body: reg.create(r, route.namespace, body, opts) };
    case 'PUT':
      if (!route.name)
        throw new StatusError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      return { status: 200, body: reg.update(r, route.namespace, route.name, body, opts) };
    case 'PATCH':
      if (!route.name)
        throw new StatusError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      return { status: 200, body: reg.patch(r, route.namespace, route.name, patchTypeOf(contentType), body, opts) };
    case 'DELETE': {
      const d = deleteOptions(q, body);
      if (route.name) return { status: 200, body: reg.delete(r, route.namespace, route.name, d) };
      const victims = reg.list(r, route.namespace, {
        labelSelector: q.get('labelSelector'),
        fieldSelector: q.get('fieldSelector'),
      });
      const items = victims.map((v) => reg.delete(r, v.metadata.namespace, v.metadata.name, d));
      return {
        status: 200,
        body: {
          kind: `${r.kind}List`,
          apiVersion: apiVersionOf(r),
          metadata: { resourceVersion: String(reg.store.resourceVersion) },
          items: items.map(stripForList),
        },
      };
    }
    default:
      throw new StatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }
}
