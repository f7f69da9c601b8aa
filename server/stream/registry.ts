import { CLIENT_ADDRESS_HEADER, SIGNED_IN_HEADER, signedInUser } from '@/lib/wire/whoami';
import { processSettings, processWide } from '../settings/process';
import type { Settings } from '../settings/table';

export interface StreamLimits {
  total: number;
  perClient: number;
}

export interface Admission {
  /** Call once when the stream ends, however it ends; later calls do nothing. */
  release(): void;
}

export type AdmitResult = { ok: true; admission: Admission } | { ok: false; reason: string; retryAfterS: number };

/** `ORDINAL_MAX_STREAMS` (total) and `ORDINAL_MAX_STREAMS_PER_CLIENT` (at most the total). */
export function streamLimits(s: Pick<Settings, 'maxStreams' | 'maxStreamsPerClient'>): StreamLimits {
  return { total: s.maxStreams, perClient: Math.min(s.maxStreams, s.maxStreamsPerClient) };
}

/**
 * The live SSE streams of the process, counted in total and per client address, so a
 * flood of streams is refused (429) instead of buffering without end. Process-wide
 * (processWide): Next may evaluate this module once per route bundle, and the count, the
 * caps and the shutdown's close-all must see every stream.
 */
export class StreamRegistry {
  private readonly perClient = new Map<string, number>();
  private readonly closers = new Set<() => void>();
  private count = 0;

  constructor(readonly limits: StreamLimits) {}

  get live(): number {
    return this.count;
  }

  admit(client: string): AdmitResult {
    const mine = this.perClient.get(client) ?? 0;
    if (this.count >= this.limits.total)
      return { ok: false, reason: `the server holds its maximum of ${this.limits.total} live streams`, retryAfterS: 5 };
    if (mine >= this.limits.perClient)
      return {
        ok: false,
        reason: `this client already holds ${mine} live streams (at most ${this.limits.perClient})`,
        retryAfterS: 5,
      };
    this.count++;
    this.perClient.set(client, mine + 1);
    let released = false;
    return {
      ok: true,
      admission: {
        release: () => {
          if (released) return;
          released = true;
          this.count--;
          const left = (this.perClient.get(client) ?? 1) - 1;
          if (left > 0) this.perClient.set(client, left);
          else this.perClient.delete(client);
        },
      },
    };
  }

  /** Registers how to end a stream early (SIGTERM); returns the unregistration. */
  onClose(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  closeAll(): number {
    const all = [...this.closers];
    for (const close of all) close();
    return all.length;
  }
}

export function streamRegistry(): StreamRegistry {
  return processWide('streamRegistry', () => new StreamRegistry(streamLimits(processSettings())));
}

/**
 * The client's address as the edge believes it (CLIENT_ADDRESS_HEADER): the socket's peer, or the
 * address a trusted proxy saw — never an X-Forwarded-For a client wrote itself.
 */
export function clientAddress(headers: { get(name: string): string | null }): string {
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim().slice(0, 64) || 'unknown';
}

/**
 * Whose streams a new one counts against: the signed-in user (the edge sets x-ordinal-user
 * after dropping any a client sent), else — no sign-in — the client's address. Behind a
 * signing-in proxy every user arrives from the proxy's address: counting by address would let
 * one user's tabs use up everyone's share.
 */
export function streamClient(headers: { get(name: string): string | null }): string {
  const user = signedInUser(headers.get(SIGNED_IN_HEADER));
  return user && user !== 'anonymous' ? `user:${user.slice(0, 256)}` : clientAddress(headers);
}
