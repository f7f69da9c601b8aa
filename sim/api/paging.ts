import { keyOf } from '../model/meta';
import type { ResourceType } from '../model/resources';
import type { KubeObject } from '../model/types';
import { badRequest, StatusError } from '../registry/errors';
import { Snapshot } from '../store/snapshot';
import type { Store } from '../store/store';

/**
 * Paged lists as the apiserver pages them (storage/etcd3): the continue token carries the
 * first page's resourceVersion and the next key, every page reads the state at that
 * resourceVersion, and a token whose resourceVersion was compacted answers 410 with a fresh
 * token (rv -1) that continues from the same key at the latest state, inconsistently.
 */
interface Token {
  rv: number;
  after: string;
}

/** The apiserver's messages, word for word: clients match on them. */
const INCONSISTENT =
  'The provided continue parameter is too old to display a consistent list result. You can start a ' +
  'new list without the continue parameter, or use the continue token in this response to retrieve the remainder of ' +
  'the results. Continuing with the provided token results in an inconsistent list - objects that were created, ' +
  'modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function encode(rv: number, after: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${after}\u0000` })).toString('base64url');
}

function decode(token: string): Token {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data');
  }
  const t = c as { v?: unknown; rv?: unknown; start?: unknown };
  const rvOk = typeof t.rv === 'number' && Number.isInteger(t.rv) && (t.rv >= 1 || t.rv === -1);
  if (t.v !== 'meta.k8s.io/v1' || !rvOk || typeof t.start !== 'string' || !t.start) {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  const rv = t.rv as number;
  return { rv, after: t.start.endsWith('\u0000') ? t.start.slice(0, -1) : t.start };
}

export interface Page {
  items: KubeObject[];
  resourceVersion: number;
  continue?: string;
  remainingItemCount?: number;
}

/** One page of `r`; `countable` is false when selectors make the remaining count a guess. */
export function readPage(
  store: Store,
  r: ResourceType,
  namespace: string | undefined,
  q: URLSearchParams,
  filter: (o: KubeObject) => boolean,
  countable: boolean,
): Page {
  const token = q.get('continue');
  const limit = Number(q.get('limit') ?? 0);
  let rv = store.resourceVersion;
  let after: string | undefined;
  let view: Pick<Snapshot, 'scan' | 'countAfter'> = {
    scan: (from) => store.scan(r, namespace, from),
    countAfter: (key) => store.countAfter(r, key, namespace),
  };
  if (token) {
    const t = decode(token);
    after = t.after;
    if (t.rv !== -1 && t.rv < store.history.floor) {
      throw new StatusError(410, 'Expired', INCONSISTENT, undefined, { continue: encode(-1, t.after) });
    }
    if (t.rv !== -1 && t.rv < rv) {
      rv = t.rv;
      view = new Snapshot(store, r, namespace, t.rv);
    }
  }
  const items: KubeObject[] = [];
  for (const o of view.scan(after)) {
    if (!filter(o)) continue;
    if (limit > 0 && items.length === limit) {
      const last = keyOf(items[items.length - 1]);
      const remainingItemCount = countable ? view.countAfter(last) : undefined;
      return { items, resourceVersion: rv, continue: encode(rv, last), remainingItemCount };
    }
    items.push(o);
  }
  return { items, resourceVersion: rv };
}
