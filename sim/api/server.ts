import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { statusObject, StatusError } from '../registry/errors';
import type { Registry } from '../registry/registry';
import { apiGroup, apiGroupList, coreVersions, resourceList, versionInfo } from './discovery';
import { Faults, RequestLog, type RequestRecord } from './faults';
import { handleResource, verbOf, type HandlerContext } from './handlers';
import { Access, ANONYMOUS } from './access';
import type { StaticToken } from '../auth/authn';
import { SUPERUSER_GROUP, type Attributes } from '../auth/rbac';
import { openapiDocument, openapiIndex } from './openapi';
import { openapiV2 } from './openapiv2';
import { decodeK8sProtobuf } from './protobuf';
import { parseResourcePath } from './route';
import { WatchHub } from './watch';
import { groups } from '../model/resources';
import { Churn } from '../scenarios/churn';

export interface ApiServerOptions {
  registry: Registry;
  token: string;
  key: string;
  cert: string;
  bookmarkIntervalMs?: number;
  /** Authorize every request by RBAC (else anyone authenticated may do anything). */
  rbac?: boolean;
  /** Static bearer tokens (users and groups) beside the admin token. */
  tokens?: StaticToken[];
}

const MAX_BODY = 3 * 1024 * 1024; // the apiserver's request size limit
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

/** The sim's HTTPS front: auth, request log, faults, then discovery or resource handlers. */
export class ApiServer {
  readonly faults = new Faults();
  readonly log = new RequestLog();
  readonly hub: WatchHub;
  readonly churn: Churn;
  readonly server: Server;
  readonly access: Access;
  private readonly ctx: HandlerContext;

  constructor(private readonly opts: ApiServerOptions) {
    this.hub = new WatchHub(opts.bookmarkIntervalMs ?? 15_000);
    this.ctx = { registry: opts.registry, hub: this.hub, faults: this.faults };
    this.access = new Access(
      opts.registry,
      { adminToken: opts.token, rbac: opts.rbac ?? false, tokens: opts.tokens },
      (a) => a.resourceRequest && this.faults.isForbiddenName(a.resource, a.apiGroup),
    );
    this.churn = new Churn({ store: opts.registry.store, registry: opts.registry });
    this.server = createServer({ key: opts.key, cert: opts.cert }, (req, res) => {
      this.handle(req, res).catch((e: unknown) => this.fail(res, e));
    });
    this.server.keepAliveTimeout = 65_000;
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  async close(): Promise<void> {
    this.churn.stop();
    this.hub.dropAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sim.invalid');
    const path = url.pathname;
    const parsed = parseResourcePath(path);
    const record = this.log.add({
      time: new Date().toISOString(),
      verb:
        parsed.type === 'resource'
          ? verbOf(req.method ?? 'GET', parsed.route, url.searchParams)
          : (req.method ?? 'GET').toLowerCase(),
      path: `${path}${url.search}`,
      userAgent: String(req.headers['user-agent'] ?? ''),
      status: 0,
    });
    trackStatus(res, record);
    const who = await this.access.identify(req);
    // No token: anonymous, for the public health and version paths only (the sim's anonymous auth).
    if (!who || (who === ANONYMOUS && !PUBLIC_PATHS.has(path))) {
      return this.send(res, 401, statusObject(401, 'Unauthorized', 'Unauthorized'));
    }
    record.user = who.name;
    if (path.startsWith('/sim/v1/')) {
      if (this.access.rbac && !who.groups.includes(SUPERUSER_GROUP))
        throw new StatusError(403, 'Forbidden', `forbidden: User "${who.name}" cannot use the sim's test endpoints`);
      return this.handleSim(req, res, url);
    }
    this.access.check(who, attributesOf(req.method ?? 'GET', path, parsed, url.searchParams));
    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    if (this.faults.drawError()) {
      return this.send(
        res,
        500,
        statusObject(500, 'InternalError', 'Internal error occurred: injected by the sim (errors fault)'),
      );
    }
    const body = await readBody(req);
    if (parsed.type === 'resource') {
      const { route } = parsed;
      if (route.resource.virtual || route.subresource === 'token') {
        if (req.method !== 'POST')
          throw new StatusError(
            405,
            'MethodNotAllowed',
            'the server does not allow this method on the requested resource',
          );
        const answer = await this.access.answer(who, route, body);
        return this.send(res, answer.status, answer.body);
      }
      const reply = handleResource(this.ctx, req, res, route, url.searchParams, body);
      if (reply) this.send(res, reply.status, reply.body);
      return;
    }
    if (req.method !== 'GET')
      throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const doc = this.discovery(path, parsed, req);
    if (doc === undefined) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (doc instanceof Raw) {
      res.writeHead(200, { 'Content-Type': doc.contentType });
      res.end(doc.text);
      return;
    }
    this.send(res, 200, doc);
  }

  private discovery(path: string, parsed: ReturnType<typeof parseResourcePath>, req: IncomingMessage): unknown {
    if (PUBLIC_PATHS.has(path) && path !== '/version') return new Raw('ok', 'text/plain; charset=utf-8');
    if (path === '/version') return versionInfo();
    if (path === '/openapi/v2') {
      const v2 = openapiV2(req.headers.accept);
      return new Raw(v2.body, v2.contentType);
    }
    if (path === '/openapi/v3') return openapiIndex();
    if (path.startsWith('/openapi/v3/')) {
      const text = openapiDocument(path.slice('/openapi/v3/'.length));
      return text === undefined ? undefined : new Raw(text, 'application/json');
    }
    if (path === '/api' || path === '/api/') return coreVersions(`${req.socket.localAddress}:${req.socket.localPort}`);
    if (path === '/apis' || path === '/apis/') return apiGroupList();
    if (parsed.type !== 'discovery') return undefined;
    if (!parsed.version) {
      const g = groups().find((x) => x.name === parsed.group);
      return g ? apiGroup(g.name, g.version) : undefined;
    }
    return resourceList(parsed.group, parsed.version);
  }

  private handleSim(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const action = url.pathname.slice('/sim/v1/'.length);
    if (req.method === 'GET' && action === 'requests') return this.send(res, 200, this.log.all());
    if (req.method === 'GET' && action === 'faults')
      return this.send(res, 200, { ...this.faults.describe(), openWatches: this.hub.size });
    if (req.method === 'GET' && action === 'churn') return this.send(res, 200, this.churn.describe());
    if (req.method !== 'POST')
      throw new StatusError(405, 'MethodNotAllowed', `${req.method} not allowed on ${url.pathname}`);
    switch (action) {
      case 'faults/drop-watches':
        return this.send(res, 200, { dropped: this.hub.dropAll() });
      case 'faults/compact':
        this.opts.registry.store.compact();
        return this.send(res, 200, { compactedTo: this.opts.registry.store.resourceVersion });
      case 'faults/forbid': {
        const r = q.get('resource');
        if (!r) throw new StatusError(400, 'BadRequest', 'resource query parameter is required');
        this.faults.forbid(r);
        return this.send(res, 200, this.faults.describe());
      }
      case 'faults/latency':
        this.faults.latencyMs = nonNegative(q.get('ms'), 'ms', 60_000);
        return this.send(res, 200, this.faults.describe());
      case 'faults/errors':
        this.faults.errorRate = nonNegative(q.get('rate'), 'rate', 1);
        return this.send(res, 200, this.faults.describe());
      case 'churn': {
        const rate = nonNegative(q.get('rate'), 'rate', 10_000);
        const seconds = nonNegative(q.get('seconds'), 'seconds', 3_600);
        const namespaces = (q.get('namespaces') ?? '').split(',').filter(Boolean);
        const { running } = this.churn.start(rate, seconds, namespaces);
        return this.send(res, 200, { running, rate, seconds });
      }
      case 'faults/clear':
        this.faults.clear();
        return this.send(res, 200, this.faults.describe());
      default:
        throw new StatusError(404, 'NotFound', `no sim endpoint ${url.pathname}`);
    }
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-cache, private',
    });
    res.end(text);
  }

  private fail(res: ServerResponse, e: unknown): void {
    if (e instanceof StatusError) return this.send(res, e.code, e.toStatus());
    console.error('sim: internal error', e);
    this.send(
      res,
      500,
      statusObject(500, 'InternalError', `Internal error occurred: ${(e as Error)?.message ?? String(e)}`),
    );
  }
}

/** What the authorizer is asked for a request: its verb on a resource, or on a path. */
function attributesOf(
  method: string,
  path: string,
  parsed: ReturnType<typeof parseResourcePath>,
  q: URLSearchParams,
): Attributes {
  if (parsed.type !== 'resource') return { resourceRequest: false, verb: method.toLowerCase(), path };
  const { route } = parsed;
  return {
    resourceRequest: true,
    verb: verbOf(method, route, q),
    apiGroup: route.resource.group,
    resource: route.resource.resource,
    ...(route.subresource ? { subresource: route.subresource } : {}),
    ...(route.namespace ? { namespace: route.namespace } : {}),
    ...(route.name ? { name: route.name } : {}),
  };
}

/** A pre-serialized response body. */
class Raw {
  constructor(
    readonly text: string | Buffer,
    readonly contentType: string,
  ) {}
}

function nonNegative(v: string | null, name: string, max: number): number {
  const n = Number(v);
  if (v === null || !Number.isFinite(n) || n < 0 || n > max)
    throw new StatusError(400, 'BadRequest', `${name} must be a number between 0 and ${max}`);
  return n;
}

function trackStatus(res: ServerResponse, record: RequestRecord): void {
  const original = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as unknown as { writeHead: (...args: unknown[]) => ServerResponse }).writeHead = (...args: unknown[]) => {
    record.status = Number(args[0]);
    return original(...args);
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StatusError(413, 'RequestEntityTooLarge', 'the request body is too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('protobuf')) {
    try {
      return decodeK8sProtobuf(raw);
    } catch (e) {
      throw new StatusError(415, 'UnsupportedMediaType', (e as Error).message);
    }
  }
  const text = raw.toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StatusError(400, 'BadRequest', `the body of the request was not valid JSON: ${(e as Error).message}`);
  }
}
