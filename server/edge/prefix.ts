/**
 * Serving under ORDINAL_BASE_PATH (server/settings/basepath.ts). Requests: the prefix comes off before
 * the checks, sign-in and Next see the path; a path outside it is not Ordinal's (404), except
 * the kubelet's probes, which come to the pod itself. Responses: the asset placeholder the build
 * wrote becomes the prefix in what Next sends (pages, flight payloads, scripts, stylesheets).
 */

import type { ServerResponse } from 'node:http';
import { ASSET_PLACEHOLDER } from '../settings/basepath';
import { PROBES, targetPath, type Rejection } from './guard';

export type Routed = { url: string } | { redirect: string } | Rejection;

/** Where a request goes under `base`: the URL Next is to see, a redirect, or a refusal. */
export function routeUnder(base: string, url: string): Routed {
  if (!base) return { url };
  // The path as the edge checks resolve it (dot segments gone, still percent-encoded).
  const path = targetPath(url);
  const q = url.indexOf('?');
  const search = q === -1 ? '' : url.slice(q);
  if (path === base) return { redirect: `${base}/${search}` };
  if (path.startsWith(`${base}/`)) return { url: `${path.slice(base.length)}${search}` };
  if (PROBES.has(path)) return { url };
  return { status: 404, code: 'NotFound', message: `Ordinal is served under ${base}/` };
}

/** Responses that may name assets: everything Next renders or serves as text, never an event stream or JSON. */
const REWRITTEN = /^(text\/html|text\/x-component|text\/css|application\/javascript|text\/javascript)\b/i;

/** Replaces `from` with `to` in a byte stream cut anywhere: a chunk's tail that could start `from` waits for the next. */
export function substituter(from: string, to: string): { push(chunk: Buffer): Buffer; flush(): Buffer } {
  const needle = Buffer.from(from);
  const replacement = Buffer.from(to);
  let carry: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const parts: Buffer[] = [];
      let at = 0;
      for (let hit = data.indexOf(needle, at); hit !== -1; hit = data.indexOf(needle, at)) {
        parts.push(data.subarray(at, hit), replacement);
        at = hit + needle.length;
      }
      let keep = Math.min(needle.length - 1, data.length - at);
      while (keep > 0 && !data.subarray(data.length - keep).equals(needle.subarray(0, keep))) keep--;
      parts.push(data.subarray(at, data.length - keep));
      carry = Buffer.from(data.subarray(data.length - keep));
      return Buffer.concat(parts);
    },
    flush() {
      const rest = carry;
      carry = Buffer.alloc(0);
      return rest;
    },
  };
}

type Callback = (err?: Error | null) => void;
type Chunk = string | Buffer | Uint8Array;

function toBuffer(chunk: Chunk, encoding?: BufferEncoding): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : Buffer.from(chunk);
}

/**
 * Makes `res` write the prefix where the build wrote ASSET_PLACEHOLDER, for the text types Next
 * sends; decided once the response's type is known (its head), so an event stream or a JSON
 * answer passes untouched. The length changes, so a rewritten response loses Content-Length.
 */
export function rewriteAssets(res: ServerResponse, base: string): void {
  let sub: ReturnType<typeof substituter> | undefined | null;
  const decide = () => {
    if (sub !== undefined) return sub;
    sub = REWRITTEN.test(String(res.getHeader('content-type') ?? '')) ? substituter(ASSET_PLACEHOLDER, base) : null;
    if (sub && !res.headersSent) res.removeHeader('content-length');
    for (const name of ['location', 'link']) {
      const v = res.getHeader(name);
      if (typeof v === 'string' && v.includes(ASSET_PLACEHOLDER) && !res.headersSent)
        res.setHeader(name, v.split(ASSET_PLACEHOLDER).join(base));
    }
    return sub;
  };
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (chunk: Chunk, encoding?: BufferEncoding, cb?: Callback) => boolean;
  const end = res.end.bind(res) as (chunk?: Chunk, encoding?: BufferEncoding, cb?: () => void) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // Headers handed to writeHead join the response's before the decision reads them.
    const given = rest.find((r) => r !== null && typeof r === 'object' && !Array.isArray(r)) as
      Record<string, unknown> | undefined;
    if (given) for (const [k, v] of Object.entries(given)) if (v !== undefined) res.setHeader(k, v as string);
    decide();
    return writeHead(status, ...rest.filter((r) => typeof r === 'string' || Array.isArray(r)));
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: Chunk, encoding?: BufferEncoding | Callback, cb?: Callback) => {
    const s = decide();
    const [enc, done] = typeof encoding === 'function' ? [undefined, encoding] : [encoding, cb];
    if (!s) return write(chunk, enc, done);
    return write(s.push(toBuffer(chunk, enc)), undefined, done);
  }) as ServerResponse['write'];
  res.end = ((chunk?: Chunk | null | (() => void), encoding?: BufferEncoding | (() => void), cb?: () => void) => {
    const s = decide();
    const fn = [chunk, encoding, cb].find((a) => typeof a === 'function') as (() => void) | undefined;
    // Next ends some answers (HEAD) with end(null).
    const data = typeof chunk === 'function' || chunk === null ? undefined : chunk;
    const enc = typeof encoding === 'string' ? encoding : undefined;
    if (!s) return data === undefined ? end(undefined, undefined, fn) : end(data, enc, fn);
    const body = data === undefined ? Buffer.alloc(0) : s.push(toBuffer(data, enc));
    return end(Buffer.concat([body, s.flush()]), undefined, fn);
  }) as ServerResponse['end'];
}
