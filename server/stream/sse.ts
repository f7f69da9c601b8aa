import 'server-only';
import type { NodeKind } from '@/lib/wire/kinds';
import type { DrawnChange, GroupedScope } from '@/lib/wire/group';
import { filterChange, kindsParam, type TopologyScope } from '@/lib/wire/scope';
import type { SyncState, TopologyChange } from '@/lib/wire/topology';
import { isEmptyChange as isEmpty } from '@/lib/wire/apply';
import type { ChangeEvent } from './engine';
import { streamRegistry, type Admission } from './registry';

/** What a stream reads: the engine's snapshots, summaries and changes, the cache's sync state (the runtime has both). */
export interface StreamSource {
  engine: {
    snapshotBytes(namespace?: string, kinds?: NodeKind[]): { revision: number; json: Uint8Array };
    summary(): { summary: { revision: number }; json: Uint8Array };
    grouped: {
      snapshotBytes(scope: GroupedScope): { revision: number; json: Uint8Array };
      subscribe(scope: GroupedScope, fn: (c: DrawnChange) => void): () => void;
    };
    since(revision: number, namespace?: string): TopologyChange[] | undefined;
    onChange(fn: (e: ChangeEvent) => void): () => void;
  };
  cache: {
    syncStatus(): Record<string, SyncState>;
    readonly synced: boolean;
    onState(fn: () => void): () => void;
  };
}

/**
 * One viewer's Server-Sent Events stream: `snapshot` first (or, with a Last-Event-ID
 * the engine still remembers, the missed `change` events), then `change` events as the
 * engine emits them (already coalesced), `status` when the cache's sync state moves,
 * and heartbeats. Ids are the topology revision and only increase. A summary stream
 * sends `summary` events instead: the whole overview, again after each change.
 *
 * Memory is bounded: the stream's queue holds at most `maxBufferedBytes`; a viewer that
 * falls behind is skipped until it reads again and then gets a fresh snapshot, and one
 * that stays behind for `dropAfterMs` is sent a `dropped` event with the reason and
 * closed. Everything (subscriptions, timer, the registry's count) is released when the
 * request is aborted or the stream cancelled (Next does not always cancel, so both).
 */
export interface StreamOptions {
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  dropAfterMs?: number;
  /** The stream's place in the registry's count, released when the stream ends. */
  admission?: Admission;
  /**
   * Aborted when the viewer's access changes: an `access` event (the abort's reason, e.g.
   * `{ access: 'changed' }`) goes out and the stream closes; the browser reopens without its
   * Last-Event-ID, whose revisions were another scope's.
   */
  revoked?: AbortSignal;
}

export const STREAM_DEFAULTS = { heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024, dropAfterMs: 30_000 } as const;

const encoder = new TextEncoder();

function frame(event: string, data: unknown, id?: number): Uint8Array {
  return encoder.encode(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A frame around JSON serialized already (shared bytes, never copied per viewer). */
function jsonFrame(event: string, id: number, json: Uint8Array): Uint8Array[] {
  return [encoder.encode(`id: ${id}\nevent: ${event}\ndata: `), json, encoder.encode('\n\n')];
}

/**
 * Change frames by change and kinds: viewers of one scope share the change object, so it is
 * encoded once per kinds filter, not once each (null: nothing of those kinds changed).
 */
const changeFrames = new WeakMap<TopologyChange, Map<string, Uint8Array | null>>();

function changeFrame(c: TopologyChange, kinds?: NodeKind[]): Uint8Array | undefined {
  const key = kindsParam(kinds) ?? '*';
  let byKinds = changeFrames.get(c);
  if (!byKinds) changeFrames.set(c, (byKinds = new Map()));
  let bytes = byKinds.get(key);
  if (bytes === undefined) {
    const filtered = filterChange(c, kinds);
    bytes = isEmpty(filtered) ? null : frame('change', filtered, c.revision);
    byKinds.set(key, bytes);
  }
  return bytes ?? undefined;
}

/** What a stream sends: its first frames (or, after falling behind, fresh ones), then frames as things change. */
interface Feed {
  initial(lastEventId: number | undefined): Uint8Array[];
  fresh(): Uint8Array[];
  subscribe(send: (frame: Uint8Array[]) => void): () => void;
}

function topologyFeed(rt: StreamSource, scope: TopologyScope): Feed {
  const { namespace, kinds } = scope;
  const fresh = () => {
    const t = rt.engine.snapshotBytes(namespace, kinds);
    return jsonFrame('snapshot', t.revision, t.json);
  };
  return {
    initial: (lastEventId) => {
      const missed = lastEventId !== undefined ? rt.engine.since(lastEventId, namespace) : undefined;
      return missed ? missed.flatMap((c) => changeFrame(c, kinds) ?? []) : fresh();
    },
    fresh,
    subscribe: (send) =>
      rt.engine.onChange((e) => {
        const c = namespace === undefined ? e.cluster : e.namespaces.get(namespace);
        const bytes = c && !isEmpty(c) ? changeFrame(c, kinds) : undefined;
        if (bytes) send([bytes]);
      }),
  };
}

/** Grouped changes by change: every viewer of a grouped scope gets the same object, encoded once. */
const groupedFrames = new WeakMap<DrawnChange, Uint8Array>();

function groupedFeed(rt: StreamSource, scope: GroupedScope): Feed {
  const fresh = () => {
    const t = rt.engine.grouped.snapshotBytes(scope);
    return jsonFrame('snapshot', t.revision, t.json);
  };
  return {
    // No resume: the grouping a viewer had may be gone, so every (re)connection starts from a snapshot.
    initial: fresh,
    fresh,
    subscribe: (send) =>
      rt.engine.grouped.subscribe(scope, (c) => {
        let bytes = groupedFrames.get(c);
        if (!bytes) groupedFrames.set(c, (bytes = frame('change', c, c.revision)));
        send([bytes]);
      }),
  };
}

function summaryFeed(rt: StreamSource): Feed {
  const fresh = () => {
    const s = rt.engine.summary();
    return jsonFrame('summary', s.summary.revision, s.json);
  };
  return { initial: fresh, fresh, subscribe: (send) => rt.engine.onChange(() => send(fresh())) };
}

/** The topology of a scope: snapshot, then changes. */
export function topologyStream(
  rt: StreamSource,
  scope: TopologyScope,
  lastEventId: number | undefined,
  signal: AbortSignal,
  o: StreamOptions = {},
): ReadableStream<Uint8Array> {
  return eventStream(rt, topologyFeed(rt, scope), lastEventId, signal, o);
}

/** The scope's graph as the topology view draws it: large StatefulSets grouped, by the server. */
export function groupedStream(
  rt: StreamSource,
  scope: GroupedScope,
  signal: AbortSignal,
  o: StreamOptions = {},
): ReadableStream<Uint8Array> {
  return eventStream(rt, groupedFeed(rt, scope), undefined, signal, o);
}

/** The overview's summary, whole after every change (a few KB, however large the cluster). */
export function summaryStream(
  rt: StreamSource,
  signal: AbortSignal,
  o: StreamOptions = {},
): ReadableStream<Uint8Array> {
  return eventStream(rt, summaryFeed(rt), undefined, signal, o);
}

function eventStream(
  rt: StreamSource,
  feed: Feed,
  lastEventId: number | undefined,
  signal: AbortSignal,
  o: StreamOptions,
): ReadableStream<Uint8Array> {
  const maxBytes = o.maxBufferedBytes ?? STREAM_DEFAULTS.maxBufferedBytes;
  let behindSince: number | undefined;
  let cleanup = (): void => undefined;
  let resync = (): void => undefined;

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        /** One frame, possibly in parts: it goes whole or not at all. */
        const push = (...parts: Uint8Array[]): void => {
          if (closed || parts.length === 0) return;
          if ((controller.desiredSize ?? 1) <= 0) {
            behindSince ??= Date.now();
            return;
          }
          for (const bytes of parts) controller.enqueue(bytes);
        };
        const status = () => push(frame('status', { kinds: rt.cache.syncStatus(), synced: rt.cache.synced }));

        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        // First frames, then the subscription: taking them flushes the engine (synchronously),
        // so a change can neither come before the snapshot nor fall between the two.
        for (const bytes of feed.initial(lastEventId)) controller.enqueue(bytes);
        status();
        const offChange = feed.subscribe((frames) => {
          if (behindSince === undefined) push(...frames);
        });

        const offState = rt.cache.onState(status);
        const beat = setInterval(() => {
          const dropAfterMs = o.dropAfterMs ?? STREAM_DEFAULTS.dropAfterMs;
          if (behindSince !== undefined && Date.now() - behindSince > dropAfterMs) {
            const reason = {
              code: 'SlowReader',
              message: `the viewer read nothing for ${Math.round(dropAfterMs / 1000)} s with its buffer full; reconnect for a fresh snapshot`,
            };
            cleanup();
            controller.enqueue(frame('dropped', reason));
            controller.close();
            return;
          }
          push(encoder.encode(`: keepalive ${Date.now()}\n\n`));
        }, o.heartbeatMs ?? STREAM_DEFAULTS.heartbeatMs);
        cleanup = () => {
          if (closed) return;
          closed = true;
          offChange();
          offState();
          clearInterval(beat);
          signal.removeEventListener('abort', onAbort);
          o.revoked?.removeEventListener('abort', onRevoked);
          unregister();
          o.admission?.release();
        };
        const onAbort = () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed or errored
          }
        };
        const unregister = streamRegistry().onClose(onAbort);
        const onRevoked = () => {
          if (closed) return;
          controller.enqueue(frame('access', o.revoked?.reason));
          onAbort();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        o.revoked?.addEventListener('abort', onRevoked, { once: true });
        if (signal.aborted) onAbort();
        resync = () => {
          if (behindSince === undefined || closed) return;
          behindSince = undefined;
          for (const bytes of feed.fresh()) controller.enqueue(bytes);
        };
      },
      pull() {
        resync();
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: maxBytes, size: (chunk) => chunk.byteLength },
  );
}
