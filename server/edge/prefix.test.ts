import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { test } from 'node:test';
import { ASSET_PLACEHOLDER } from '../settings/basepath';
import { rewriteAssets, routeUnder, substituter } from './prefix';

test('under a prefix, a request loses it; the bare prefix redirects; outside it is 404 but the probes', () => {
  assert.deepEqual(routeUnder('', '/topology?x=1'), { url: '/topology?x=1' });
  assert.deepEqual(routeUnder('/ordinal', '/ordinal/topology?x=1'), { url: '/topology?x=1' });
  assert.deepEqual(routeUnder('/ordinal', '/ordinal/'), { url: '/' });
  assert.deepEqual(routeUnder('/ordinal', '/ordinal?a=b'), { redirect: '/ordinal/?a=b' });
  assert.deepEqual(routeUnder('/ordinal', '/api/healthz'), { url: '/api/healthz' });
  for (const outside of [
    '/topology',
    '/ordinalx/api/v1/topology',
    '/ordinal/../api/v1/topology',
    '/%6Frdinal/api/v1/topology',
    '/api/v1/topology',
  ])
    assert.equal((routeUnder('/ordinal', outside) as { status?: number }).status, 404, outside);
  // Dot segments are resolved before the prefix is taken off, as the edge checks resolve them.
  assert.deepEqual(routeUnder('/ordinal', '/ordinal/x/../api/v1/whoami'), { url: '/api/v1/whoami' });
});

test('the placeholder is replaced however the stream is cut', () => {
  const text = `<script src="${ASSET_PLACEHOLDER}/_next/a.js"></script>${ASSET_PLACEHOLDER}${ASSET_PLACEHOLDER}/_next/b.css /__ordinal_not`;
  const want = text.split(ASSET_PLACEHOLDER).join('/ordinal');
  const bytes = Buffer.from(text);
  for (let size = 1; size <= bytes.length; size += 3) {
    const s = substituter(ASSET_PLACEHOLDER, '/ordinal');
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) out.push(s.push(bytes.subarray(i, i + size)));
    out.push(s.flush());
    assert.equal(Buffer.concat(out).toString(), want, `chunks of ${size}`);
  }
  const none = substituter(ASSET_PLACEHOLDER, '');
  assert.equal(Buffer.concat([none.push(bytes), none.flush()]).toString(), text.split(ASSET_PLACEHOLDER).join(''));
});

async function serveWith(
  type: string,
  body: string[],
  head: 'set' | 'writeHead',
): Promise<{ text: string; length?: string }> {
  const server: Server = createServer((_req, res) => {
    rewriteAssets(res, '/ordinal');
    const headers = { 'content-type': type, 'content-length': String(Buffer.byteLength(body.join(''))) };
    if (head === 'writeHead') res.writeHead(200, headers);
    else for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    for (const part of body.slice(0, -1)) res.write(part);
    // Next ends a HEAD answer with end(null).
    if (body.length === 0) res.end(null);
    else res.end(body.at(-1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return { text: await res.text(), length: res.headers.get('content-length') ?? undefined };
  } finally {
    server.close();
  }
}

test('pages and scripts are rewritten and lose their stale length; JSON and event streams pass untouched', async () => {
  const parts = [`<link href="${ASSET_PLACEHOLDER.slice(0, 5)}`, `${ASSET_PLACEHOLDER.slice(5)}/_next/x.css">`, ''];
  for (const head of ['set', 'writeHead'] as const) {
    const html = await serveWith('text/html; charset=utf-8', parts, head);
    assert.equal(html.text, '<link href="/ordinal/_next/x.css">', head);
    assert.equal(html.length, undefined);
    const js = await serveWith('application/javascript; charset=UTF-8', [`"${ASSET_PLACEHOLDER}/_next/"`], head);
    assert.equal(js.text, '"/ordinal/_next/"');
  }
  for (const type of ['application/json', 'text/event-stream']) {
    const raw = `{"a":"${ASSET_PLACEHOLDER}"}`;
    const r = await serveWith(type, [raw], 'set');
    assert.equal(r.text, raw, type);
    assert.equal(r.length, String(raw.length));
  }
});

test('an answer ended with no body (HEAD, end(null)) is ended, not an error', async () => {
  const r = await serveWith('text/html; charset=utf-8', [], 'set');
  assert.equal(r.text, '');
});
