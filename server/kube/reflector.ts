import type { SyncState } from '@/lib/wire/topology';
import { Backoff } from './backoff';
import { collectionPath, type KindSpec } from './kinds';
import { HttpError, StallError, type KubeTransport, type WatchEvent } from './transport';

/** What a reflector writes to (any store of the cache's objects). */
export interface ReflectorSink<T> {
  upsert(o: T): void;
  remove(namespace: string | undefined, name: string): void;
  replace(objs: T[], namespace?: string): void;
  /** The scope became invisible (403): its objects leave the store without being deleted. */
  forget(namespace?: string): void;
}

/** The two calls a reflector makes (KubeTransport has them; tests give a scripted fake). */
export type ReflectorTransport = Pick<KubeTransport, 'getJson' | 'watch'>;

export interface ReflectorOptions<T> {
  spec: KindSpec;
  namespace?: string;
  store: ReflectorSink<T>;
  /**
   * Turns an object as the API server sent it into what the store keeps (like client-go's
   * TransformFunc): the cache's normalizer, so this layer never imports the cache.
   */
  transform: (raw: unknown) => T;
  transport: ReflectorTransport;
  onState: (state: SyncState) => void;
  /** A watch with no byte (event or bookmark) for this long is restarted. */
  stallMs?: number;
  pageSize?: number;
  /** The longest wait before asking again after a 403; the first waits are near 1 s. */
  forbiddenRetryMs?: number;
  backoff?: Backoff;
}

class Expired extends Error {}

export const FORBIDDEN_FIRST_RETRY_MS = 1000;
/** Default cap: a 403'd kind costs one cheap request per ≤ 4 s, and comes back within ~4 s of being allowed. */
export const FORBIDDEN_RETRY_CAP_MS = 4000;

/**
 * The list-then-watch loop for one kind (and namespace), owned here rather than
 * taken from client-node's informer, which stops on non-410 errors and does not
 * request bookmarks. It never stops until told to:
 * - list (paged) → replace the store's scope → watch from the list's resourceVersion
 *   with allowWatchBookmarks; bookmarks advance the resume point;
 * - 410 Expired (as an ERROR event or a status) → relist;
 * - the server ending the watch → re-watch at once from the last resourceVersion;
 * - 403 → state `forbidden`, scope emptied, asked again after ~1 s, backing off to at
 *   most `forbiddenRetryMs` (access granted back shows within seconds);
 * - anything else, or a stall → capped exponential backoff with jitter, then resume.
 */
export interface ReflectorCounts {
  /** Full lists: the first, and every relist (410, 403 lifted, a restart after an error). */
  lists: number;
  /** Watches started: the first, and every restart. */
  watches: number;
  /** Failed lists or watches (403 and errors; a 410 is a relist, not a failure). */
  failures: number;
}

export class Reflector<T> {
  readonly counts: ReflectorCounts = { lists: 0, watches: 0, failures: 0 };
  private readonly abort = new AbortController();
  private resourceVersion = '';
  private state: SyncState = { state: 'syncing' };
  private readonly backoff: Backoff;
  private readonly forbiddenBackoff: Backoff;
  private loop?: Promise<void>;

  constructor(private readonly o: ReflectorOptions<T>) {
    this.backoff = o.backoff ?? new Backoff(500, 30_000);
    const cap = o.forbiddenRetryMs ?? FORBIDDEN_RETRY_CAP_MS;
    this.forbiddenBackoff = new Backoff(Math.min(FORBIDDEN_FIRST_RETRY_MS, cap), cap);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop?.catch(() => undefined);
  }

  private setState(s: SyncState): void {
    if (s.state === this.state.state && s.message === this.state.message) return;
    this.state = s;
    this.o.onState(s);
  }

  private get path(): string {
    return collectionPath(this.o.spec, this.o.namespace);
  }

  private async run(): Promise<void> {
    this.o.onState(this.state);
    while (!this.abort.signal.aborted) {
      try {
        if (!this.resourceVersion) await this.list();
        await this.watch();
        this.backoff.reset();
      } catch (e) {
        if (this.abort.signal.aborted) return;
        await this.handle(e);
      }
    }
  }

  private async handle(e: unknown): Promise<void> {
    if (e instanceof Expired || (e instanceof HttpError && e.status === 410)) {
      this.resourceVersion = '';
      return;
    }
    this.counts.failures++;
    if (e instanceof HttpError && e.status === 403) {
      this.resourceVersion = '';
      this.o.store.forget(this.o.namespace);
      this.setState({ state: 'forbidden' });
      return this.sleep(this.forbiddenBackoff.next());
    }
    // Before the first sync every failure shows; after it, the cache is only stale, so one
    // dropped connection is not news, but a second failure in a row is.
    if (!(e instanceof StallError) && (this.state.state !== 'synced' || this.backoff.attempts >= 1))
      this.setState({ state: 'error', message: describe(e) });
    await this.sleep(this.backoff.next());
  }

  private async list(): Promise<void> {
    this.counts.lists++;
    const items: T[] = [];
    let token: string | undefined;
    let rv = '';
    do {
      const page = await this.o.transport.getJson(
        this.path,
        { limit: this.o.pageSize ?? 500, continue: token },
        this.abort.signal,
      );
      const meta = (page.metadata ?? {}) as { resourceVersion?: string; continue?: string };
      for (const raw of (page.items ?? []) as unknown[]) items.push(this.o.transform(raw));
      rv = meta.resourceVersion ?? rv;
      token = meta.continue || undefined;
    } while (token);
    this.o.store.replace(items, this.o.namespace);
    this.forbiddenBackoff.reset();
    this.resourceVersion = rv;
    this.setState({ state: 'synced' });
  }

  private async watch(): Promise<void> {
    this.counts.watches++;
    await this.o.transport.watch(
      this.path,
      {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: 300 + Math.floor(Math.random() * 300),
      },
      (e) => this.apply(e),
      this.abort.signal,
      this.o.stallMs ?? 90_000,
      () => {
        if (this.resourceVersion) this.setState({ state: 'synced' });
      },
    );
  }

  private apply(e: WatchEvent): void {
    const rv = (e.object?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    switch (e.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.o.store.upsert(this.o.transform(e.object));
        break;
      case 'DELETED': {
        const meta = e.object.metadata as { namespace?: string; name: string };
        this.o.store.remove(meta.namespace, meta.name);
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        const status = e.object as { code?: number; message?: string; reason?: string };
        if (status.code === 410) throw new Expired(status.message);
        throw new HttpError(status.code ?? 500, status.reason ?? 'WatchError', status.message ?? 'watch error');
      }
    }
    if (rv) this.resourceVersion = rv;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    });
  }
}

function describe(e: unknown): string {
  if (e instanceof HttpError) return e.message;
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message ?? 'request failed'} (${cause})` : (err.message ?? String(e));
}
