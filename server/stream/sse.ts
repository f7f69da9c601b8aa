import 'server-only';
import type { TopologyChange } from '@/lib/wire/topology';
import type { Runtime } from '../runtime';
import { isEmpty, type ChangeEvent } from './engine';

/**
 * One viewer's Server-Sent Events stream: `snapshot` first (or, with a Last-Event-ID
 * the engine still remembers, the missed `change` events), then `change` events as the
 * engine emits them (already coalesced), `status` when the cache's sync state moves,
 * and heartbeats. Ids are the topology revision and only increase.
 *
 * Memory is bounded: the stream's queue holds at most `maxBufferedBytes`; a viewer that
 * falls behind is skipped until it reads again and then gets a fresh snapshot, and one
 * that stays behind for `dropAfterMs` is disconnected. Everything is released when the
 * request is aborted or the stream cancelled (Next does not always cancel, so both).
 */
export interface StreamOptions {
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  dropAfterMs?: number;
}

const encoder = new TextEncoder();

function frame(event: string, data: unknown, id?: number): Uint8Array {
  return encoder.encode(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function pick(e: ChangeEvent, namespace: string | undefined): TopologyChange | undefined {
  const c = namespace === undefined ? e.cluster : e.namespaces.get(namespace);
  return c && !isEmpty(c) ? c : undefined;
}

/** Open streams, process-wide (route bundles may hold separate module instances). */
const OPEN = Symbol.for('ordinal.openStreams');
function openStreams(): Set<() => void> {
  const g = globalThis as unknown as Record<symbol, Set<() => void> | undefined>;
  return (g[OPEN] ??= new Set());
}

/** Ends every open stream: on SIGTERM, so a graceful shutdown does not wait on viewers forever. */
export function closeAllStreams(): number {
  const all = [...openStreams()];
  for (const close of all) close();
  return all.length;
}

export function topologyStream(rt: Runtime, namespace: string | undefined, lastEventId: number | undefined, signal: AbortSignal, o: StreamOptions = {}): ReadableStream<Uint8Array> {
  const maxBytes = o.maxBufferedBytes ?? 4 * 1024 * 1024;
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
          const t = rt.engine.snapshot(namespace);
          controller.enqueue(frame('snapshot', t, t.revision));
        };
        const status = () => push(frame('status', { kinds: rt.cache.syncStatus(), synced: rt.cache.synced }));

        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        const missed = lastEventId !== undefined ? rt.engine.since(lastEventId, namespace) : undefined;
        if (missed) for (const c of missed) controller.enqueue(frame('change', c, c.revision));
        else snapshot();
        status();

        const offChange = rt.engine.onChange((e) => {
          if (behindSince !== undefined) return;
          const c = pick(e, namespace);
          if (c) push(frame('change', c, c.revision));
        });
        const offState = rt.cache.onState(status);
        const beat = setInterval(() => {
          if (behindSince !== undefined && Date.now() - behindSince > (o.dropAfterMs ?? 60_000)) {
            cleanup();
            controller.error(new Error('viewer too slow: disconnected'));
            return;
          }
          push(encoder.encode(`: keepalive ${Date.now()}\n\n`));
        }, o.heartbeatMs ?? 15_000);
        cleanup = () => {
          if (closed) return;
          closed = true;
          offChange();
          offState();
          clearInterval(beat);
          signal.removeEventListener('abort', onAbort);
          openStreams().delete(onAbort);
        };
        const onAbort = () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed or errored
          }
        };
        signal.addEventListener('abort', onAbort, { once: true });
        openStreams().add(onAbort);
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
