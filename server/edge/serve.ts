/**
 * The HTTP server in front of Next: every request gets the security headers, then passes
 * the edge checks (Host, method, URL shape, Origin) or is answered here; only then does
 * Next see it. Node's own refusals (headers too large, unparsable requests, CONNECT) get
 * the same headers. This is what `npm start` runs; `next start` alone has no edge.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { constants } from 'node:zlib';
import compression from 'compression';
import next from 'next';
import { streamRegistry } from '../stream/registry';
import { answerGzippedTopology } from './gzipped';
import { answer, isApiPath, PROBES, screen, targetPath, type Rejection } from './guard';
import { randomBytes } from 'node:crypto';
import { contentSecurityPolicy, PLAIN_CSP, securityHeaders } from './headers';
import { CLIENT_ADDRESS_HEADER, groupsHeader, SIGNED_IN_GROUPS_HEADER, SIGNED_IN_HEADER } from '@/lib/wire/whoami';
import { hostPolicy } from './hosts';
import {
  authPolicy,
  clientAddressOf,
  identify,
  strippedHeader,
  trusts,
  vouch,
  type AuthPolicy,
  type Identity,
} from './auth';
import { AUTH_PATHS, OidcSignIn, oidcSettings, type OidcAnswer, type OidcRequest } from './oidc';
import { configureSecrecy } from '../cache/secrecy';
import { sessionKey } from './session';
import { withBase } from '@/lib/basepath';
import { createMetrics, serveMetrics } from './metrics';
import { onShutdown } from '../settings/process';
import type { Settings } from '../settings/table';
import { rewriteAssets, routeUnder } from './prefix';
import { routeCluster } from './cluster';
import { CLUSTER_HEADER } from '@/lib/wire/clusters';

export interface ServeOptions {
  dir: string;
  port: number;
  hostname?: string;
  dev?: boolean;
  /** The process's settings, read once at start (server/settings/process.ts). */
  settings: Settings;
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

function writeRefusal(res: ServerResponse, r: Rejection, url: string): void {
  const a = answer(r, url);
  res.writeHead(a.status, a.headers);
  res.end(a.body);
}

/** A raw answer on a socket Node could not hand over as a request (bad framing, oversized headers). */
function rawRefusal(
  socket: Duplex,
  headers: [string, string][],
  status: number,
  reason: string,
  message: string,
): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    ...headers.map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain; charset=utf-8',
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(message)}`,
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${message}`);
}

/** Starts serving; no sign-in on a reachable address throws (a SettingError) before anything listens. */
export async function serve(o: ServeOptions): Promise<Server> {
  const s = o.settings;
  const headers = securityHeaders();
  const plain: [string, string][] = [...headers, ['Content-Security-Policy', PLAIN_CSP]];
  const hosts = hostPolicy(s.allowedHosts);
  const auth = authPolicy(s, o.hostname);
  const base = s.basePath;
  const oidcS = auth.mode === 'oidc' ? oidcSettings(s) : undefined;
  const oidc = oidcS
    ? new OidcSignIn(oidcS, sessionKey(configureSecrecy(s).key), base, (u, g, e) => vouch(auth, u, g, e))
    : undefined;
  // The sign-out form's POST is redirected to the provider's end-session endpoint: form-action allows its origin.
  const formTargets = oidcS ? [oidcS.issuer.origin] : [];
  const metrics = createMetrics();
  // Sign-out is a POST (a cross-site page cannot sign a viewer out); nothing else is.
  const posts: ReadonlySet<string> = new Set(oidc ? [AUTH_PATHS.logout] : []);
  const app = next({ dev: !!o.dev, dir: o.dir, hostname: o.hostname ?? 'localhost', port: o.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // SSE is left alone: its `no-transform` tells the middleware so, and proxies must not buffer it.
  // Its types speak Express; the middleware itself reads and wraps only Node's request and response.
  const compress = compression({ level: constants.Z_BEST_SPEED, threshold: 1024 }) as unknown as NodeMiddleware;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of headers) res.setHeader(k, v);
    // Over TLS (a trusted proxy's or Ingress's X-Forwarded-Proto), browsers are to stay on it.
    if (overTls(req, auth)) res.setHeader('Strict-Transport-Security', HSTS);
    // This response's script nonce: on the response's CSP, and on the request's for Next to put on its scripts.
    const csp = contentSecurityPolicy(randomBytes(16).toString('base64'), !!o.dev, formTargets);
    res.setHeader('Content-Security-Policy', csp);
    const received = req.url ?? '/';
    const started = performance.now();
    const under = routeUnder(base, received);
    // Then `/c/{cluster}` comes off: Next sees the app's path, the cluster in a header (below).
    const byCluster = 'url' in under ? routeCluster(under.url) : under;
    // From here on the path is the app's own: the prefixes are off. The checks see the request as
    // received and as the app's path (what it is for: the cross-site check); a refusal is worded
    // for the app's path too: JSON under /api/.
    const url = 'url' in byCluster ? byCluster.url : 'url' in under ? under.url : received;
    const asked = {
      method: req.method ?? 'GET',
      url: received,
      headers: { get: (name: string) => headerOf(req, name) },
    };
    const screened = screen(asked, hosts, { appUrl: url, posts });
    const routed =
      screened ??
      ('redirect' in byCluster && 'url' in under ? { redirect: `${base}${byCluster.redirect}` } : byCluster);
    const cluster = 'url' in byCluster ? byCluster.cluster : undefined;
    res.once('close', () =>
      metrics.request(targetPath(url), req.method ?? 'GET', res.statusCode, (performance.now() - started) / 1000),
    );
    if ('redirect' in routed) return redirect(res, 308, routed.redirect);
    const failed = (e: unknown) => {
      console.error('ordinal: request failed', e);
      if (!res.headersSent)
        writeRefusal(
          res,
          { status: 500, code: 'InternalError', message: 'the request could not be answered; see the server log' },
          url,
        );
      else res.destroy();
    };
    if ('status' in routed) return writeRefusal(res, routed, url);
    const gate = { req, res, url, received, auth, csp, base, oidc };
    signIn(gate)
      .then((signed) => {
        if (signed === 'answered') return;
        if (signed) return writeRefusal(res, signed, url);
        req.url = url;
        if (cluster !== undefined) req.headers[CLUSTER_HEADER] = encodeURIComponent(cluster);
        return answerGzippedTopology(req, res).then((answered) => {
          if (!answered)
            compress(req, res, () => {
              // Inside compression: the prefix is written in before the bytes are compressed.
              if (!o.dev) rewriteAssets(res, base);
              handle(req, res).catch(failed);
            });
        });
      })
      .catch(failed);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'HPE_HEADER_OVERFLOW')
      return rawRefusal(socket, plain, 431, 'Request Header Fields Too Large', 'request headers are too large\n');
    if (err.code === 'ECONNRESET' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return socket.destroy();
    rawRefusal(socket, plain, 400, 'Bad Request', 'the request could not be parsed\n');
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    rawRefusal(
      socket,
      plain,
      405,
      'Method Not Allowed',
      'CONNECT is not allowed: Ordinal is read-only (GET and HEAD)\n',
    ),
  );
  await listen(server, o.port, o.hostname);
  if (s.metricsPort !== undefined) await listen(serveMetrics(metrics, plain), s.metricsPort, s.metricsHost);
  // Viewers' streams never end by themselves; they end first, so the server can close.
  onShutdown('streams', () => streamRegistry().closeAll());
  onShutdown('server', () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
  return server;
}

interface Gate {
  req: IncomingMessage;
  res: ServerResponse;
  /** The app path and query (base path off). */
  url: string;
  /** The path and query as received (prefixes on): where to come back to after signing in. */
  received: string;
  auth: AuthPolicy;
  csp: string;
  base: string;
  oidc: OidcSignIn | undefined;
}

/**
 * Who is asking (auth.ts, oidc.ts), on a request the edge checks passed: undefined when it may go
 * on, a refusal, or 'answered' when the sign-in answered it itself (its own pages, a redirect to
 * the provider). The request Next sees has the headers no client may set dropped, and the edge's
 * own set: the CSP (Next takes its script nonce from it) and the signed-in user.
 */
async function signIn(g: Gate): Promise<Rejection | 'answered' | undefined> {
  const { req, res, url } = g;
  for (const name of Object.keys(req.headers)) if (strippedHeader(name)) delete req.headers[name];
  req.headers['content-security-policy'] = g.csp;
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(
    g.auth,
    req.socket.remoteAddress,
    headerOf(req, 'x-forwarded-for') ?? undefined,
  );
  const path = targetPath(url);
  const asking = {
    path,
    address: req.socket.remoteAddress,
    header: (name: string) => headerOf(req, name) ?? undefined,
  };
  const r: OidcRequest = { url, method: req.method ?? 'GET', header: asking.header, origin: publicOrigin(g) };
  let who: Identity | Rejection;
  if (PROBES.has(path)) {
    // Probes need no identity; someone signed in is named all the same (they get the details).
    who = g.oidc ? await probeIdentity(g.oidc, r) : identify(g.auth, asking);
    if ('status' in who) return undefined;
  } else if (g.oidc) {
    if (g.oidc.isOwnPath(path)) return answerOidc(res, await g.oidc.answer(path, r), g.base);
    const found = await g.oidc.identify(r);
    for (const c of found.cookies) res.appendHeader('Set-Cookie', c);
    if ('none' in found) {
      if (!isPage(req, path)) return { status: 401, code: 'Unauthorized', message: found.none };
      const login = withBase(g.base, `/auth/login?next=${encodeURIComponent(g.received)}`);
      return answerOidc(res, { redirect: login, cookies: [] }, g.base);
    }
    who = found.identity;
    endAt(res, found.until * 1000);
  } else who = identify(g.auth, asking);
  if ('status' in who) return who;
  req.headers[SIGNED_IN_HEADER] = encodeURIComponent(who.user);
  req.headers[SIGNED_IN_GROUPS_HEADER] = groupsHeader(who.groups);
  return undefined;
}

/** A probe's caller as the session or bearer token names them, or a rejection: none (no cookie is set or cleared). */
async function probeIdentity(oidc: OidcSignIn, r: OidcRequest): Promise<Identity | Rejection> {
  const found = await oidc.identify(r);
  return 'none' in found ? { status: 401, code: 'Unauthorized', message: found.none } : found.identity;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** How long past its identity's expiry an ordinary response (not an event stream) may take to finish. */
const FINISH_GRACE_MS = 10_000;

/**
 * A response still open when the identity it was served to expires (an event stream) is ended
 * then: a stream must not outlive its sign-in. The browser reconnects, and the edge signs that
 * request in afresh (a refreshed session goes on; an ended one is refused). An ordinary answer
 * whose request came just before the expiry is given FINISH_GRACE_MS to finish, not cut mid-body;
 * one still open then (a followed log) is cut.
 */
function endAt(res: ServerResponse, atMs: number): void {
  // Destroyed, not ended: Next may still be writing into it, and a stream's viewer is released on close.
  // A finished response's socket may carry the next request (keep-alive): only an unfinished one is cut.
  let timer: NodeJS.Timeout;
  const arm = (ms: number, last: boolean) => {
    timer = setTimeout(
      () => {
        if (res.writableFinished) return;
        const stream = String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
        if (stream || last) res.destroy();
        else arm(FINISH_GRACE_MS, true);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, ms)),
    );
    timer.unref();
  };
  arm(atMs - Date.now(), false);
  const done = () => clearTimeout(timer);
  res.once('finish', done);
  res.once('close', done);
}

/** A page a person opens (sent to sign in), not an API call, stream, or asset (answered 401). */
function isPage(req: IncomingMessage, path: string): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !isApiPath(path) &&
    !path.startsWith('/_next/') &&
    !req.headers['rsc']
  );
}

/** A year: a browser that once reached Ordinal over TLS keeps to it (no subdomains: they are not Ordinal's to bind). */
const HSTS = 'max-age=31536000';

/** Whether the browser's request came over TLS: a TLS socket, or a trusted proxy saying so. */
function overTls(req: IncomingMessage, auth: AuthPolicy): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return trusts(auth, req.socket.remoteAddress) && headerOf(req, 'x-forwarded-proto')?.split(',')[0].trim() === 'https';
}

/** The origin the browser used: the Host (checked by the edge), and the scheme a trusted proxy reports. */
function publicOrigin(g: Gate): string {
  const proto = headerOf(g.req, 'x-forwarded-proto');
  const scheme = trusts(g.auth, g.req.socket.remoteAddress) && (proto === 'https' || proto === 'http') ? proto : 'http';
  return `${scheme}://${headerOf(g.req, 'host') ?? 'localhost'}`;
}

function answerOidc(res: ServerResponse, a: OidcAnswer, base: string): Rejection | 'answered' {
  for (const c of a.cookies ?? []) res.appendHeader('Set-Cookie', c);
  if ('status' in a) return a;
  if ('redirect' in a) {
    // 303 after the sign-out's POST: the browser follows with a GET.
    redirect(res, res.req.method === 'POST' ? 303 : 302, a.redirect);
    return 'answered';
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(a.page === 'sign-out' ? signOutPage(withBase(base, AUTH_PATHS.logout)) : signedOutPage(withBase(base, '/')));
  return 'answered';
}

function redirect(res: ServerResponse, status: 302 | 303 | 308, location: string): void {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/** What a GET of the sign-out path shows: the button that signs out (a POST from this page). */
function signOutPage(action: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out · Ordinal</title></head><body><main><h1>Sign out</h1><form method="post" action="${action}"><button type="submit">Sign out of Ordinal</button></form></main></body></html>`;
}

function signedOutPage(home: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out · Ordinal</title></head><body><main><h1>Signed out</h1><p>You are signed out of Ordinal.</p><p><a href="${home}">Sign in again</a></p></main></body></html>`;
}

function listen(server: Server, port: number, hostname: string | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}
