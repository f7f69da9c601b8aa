import 'server-only';
import type { SyncState, TopologyChange } from '@/lib/wire/topology';
import { isEmpty, type ChangeEvent } from './engine';
import { streamRegistry, type Admission } from './registry';

/** What a stream reads: the engine's snapshots and changes, the cache's sync state (the runtime has both). */
export interface StreamSource {
  engine: {
    snapshotBytes(namespace?: string): { revision: number; json: Uint8Array };
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
 * and heartbeats. Ids are the topology revision and only increase.
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
}

export const STREAM_DEFAULTS = { heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024, dropAfterMs: 30_000 } as const;

const encoder = new TextEncoder();

function frame(event: string, data: unknown, id?: number): Uint8Array {
  return encoder.encode(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Change frames by change: viewers of one scope share the change object, so it is encoded once, not once each. */
const changeFrames = new WeakMap<TopologyChange, Uint8Array>();

function changeFrame(c: TopologyChange): Uint8Array {
  let bytes = changeFrames.get(c);
  if (!bytes) {
    bytes = frame('change', c, c.revision);
    changeFrames.set(c, bytes);
  }
  return bytes;
}

function pick(e: ChangeEvent, namespace: string | undefined): TopologyChange | undefined {
  const c = namespace === undefined ? e.cluster : e.namespaces.get(namespace);
  return c && !isEmpty(c) ? c : undefined;
}

export function topologyStream(rt: StreamSource, namespace: string | undefined, lastEventId: number | undefined, signal: AbortSignal, o: StreamOptions = {}): ReadableStream<Uint8Array> {
  const maxBytes = o.maxBufferedBytes ?? STREAM_DEFAULTS.maxBufferedBytes;
  let behindSince: number | undefined;
  let cleanup = (): void => undefined;
  let resync = (): void => undefined;

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const push = (bytes: Uint8Array): void => {
          if (closed) return;
          if ((controller.desiredSize ?? 1) <= 0) {
            behindSince ??= Date.now();
            return;
          }
          controller.enqueue(bytes);
        };
        const snapshot = () => {
          // The shared JSON bytes between a header and the frame's end: never copied per viewer.
          const t = rt.engine.snapshotBytes(namespace);
          controller.enqueue(encoder.encode(`id: ${t.revision}\nevent: snapshot\ndata: `));
          controller.enqueue(t.json);
          controller.enqueue(encoder.encode('\n\n'));
        };
        const status = () => push(frame('status', { kinds: rt.cache.syncStatus(), synced: rt.cache.synced }));

        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        const missed = lastEventId !== undefined ? rt.engine.since(lastEventId, namespace) : undefined;
        if (missed) for (const c of missed) controller.enqueue(changeFrame(c));
        else snapshot();
        status();

        const offChange = rt.engine.onChange((e) => {
          if (behindSince !== undefined) return;
          const c = pick(e, namespace);
          if (c) push(changeFrame(c));
        });
        const offState = rt.cache.onState(status);
        const beat = setInterval(() => {
          const dropAfterMs = o.dropAfterMs ?? STREAM_DEFAULTS.dropAfterMs;
          if (behindSince !== undefined && Date.now() - behindSince > dropAfterMs) {
            const reason = { code: 'SlowReader', message: `the viewer read nothing for ${Math.round(dropAfterMs / 1000)} s with its buffer full; reconnect for a fresh snapshot` };
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
        signal.addEventListener('abort', onAbort, { once: true });
        if (signal.aborted) onAbort();
        resync = () => {
          if (behindSince === undefined || closed) return;
          behindSince = undefined;
          snapshot();
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
