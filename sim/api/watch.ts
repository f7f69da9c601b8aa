import type { ServerResponse } from 'node:http';
import type { ResourceType } from '../model/resources';
import type { JsonObject, KubeObject, WatchEventType } from '../model/types';
import { compileFilter, type ListOptions } from '../registry/registry';
import { statusObject } from '../registry/errors';
import type { Store, StoreEvent } from '../store/store';
import { toTable, type IncludeObject } from './table';

export interface WatchParams extends ListOptions {
  namespace?: string;
  name?: string;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
  table?: { include: IncludeObject };
}

/** Open watches, so a fault can close them all at once. */
export class WatchHub {
  private readonly open = new Set<() => void>();
  constructor(readonly bookmarkIntervalMs: number) {}

  add(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  dropAll(): number {
    const closers = [...this.open];
    this.open.clear();
    for (const c of closers) c();
    return closers.length;
  }

  get size(): number {
    return this.open.size;
  }
}

/**
 * Streams watch events as newline-delimited JSON, like the apiserver's watch cache:
 * replay from `resourceVersion` (410 in an ERROR event when older than the retained
 * history), synthetic ADDED for every object when no version is given, then live
 * changes; objects moving out of a selector arrive as DELETED, moving in as ADDED.
 */
export function serveWatch(res: ServerResponse, store: Store, hub: WatchHub, r: ResourceType, p: WatchParams): void {
  const filter = compileFilter(p);
  const matches = (o: KubeObject | undefined): boolean =>
    !!o &&
    (!p.namespace || o.metadata.namespace === p.namespace) &&
    (!p.name || o.metadata.name === p.name) &&
    filter(o);
  let withColumns = true; // a table watch sends column definitions with its first event only
  const send = (type: WatchEventType, object: JsonObject | KubeObject): void => {
    let payload: unknown = object;
    if (p.table && type !== 'ERROR' && type !== 'BOOKMARK') {
      payload = toTable(r.kind, [object as KubeObject], { include: p.table.include, headers: withColumns });
      withColumns = false;
    }
    res.write(`${JSON.stringify({ type, object: payload })}\n`);
  };
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  const rv = p.resourceVersion && p.resourceVersion !== '0' ? Number(p.resourceVersion) : undefined;
  if (rv !== undefined) {
    const past = Number.isFinite(rv) ? store.history.since(rv, r) : undefined;
    if (!past) {
      const msg = Number.isFinite(rv)
        ? `too old resource version: ${rv} (${store.history.floor})`
        : `invalid resource version: ${p.resourceVersion}`;
      send('ERROR', statusObject(410, 'Expired', msg));
      res.end();
      return;
    }
    for (const ev of past) forward(ev);
  } else {
    for (const o of store.list(r, p.namespace)) if (matches(o)) send('ADDED', o);
  }
  if (p.sendInitialEvents && p.allowBookmarks) sendBookmark(true);

  function forward(ev: StoreEvent): void {
    if (ev.resource !== r) return;
    const now = matches(ev.object);
    const before = matches(ev.previous);
    if (ev.type === 'ADDED' && now) send('ADDED', ev.object);
    else if (ev.type === 'DELETED' && before) send('DELETED', ev.object);
    else if (ev.type === 'MODIFIED') {
      if (now && before) send('MODIFIED', ev.object);
      else if (now) send('ADDED', ev.object);
      else if (before) send('DELETED', ev.object);
    }
  }

  function sendBookmark(initialEnd = false): void {
    send('BOOKMARK', {
      kind: r.kind,
      apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
      metadata: {
        resourceVersion: String(store.resourceVersion),
        ...(initialEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
      },
    } as unknown as JsonObject);
  }

  const unsubscribe = store.subscribe(forward);
  const bookmarks = p.allowBookmarks ? setInterval(() => sendBookmark(), hub.bookmarkIntervalMs) : undefined;
  const timeoutMs = (p.timeoutSeconds ?? 1800 + Math.floor(Math.random() * 1800)) * 1000;
  const timer = setTimeout(() => close(), timeoutMs);
  let closed = false;
  const forget = hub.add(() => close());
  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    forget();
    clearInterval(bookmarks);
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  }
  res.on('close', close);
}
