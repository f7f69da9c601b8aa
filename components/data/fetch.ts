import { appUrl } from '../ui/appUrl';

/** An API answer that is not 2xx, with the error shape's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(appUrl(url), { headers: { Accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok)
    throw new ApiError(res.status, body.error?.code ?? String(res.status), body.error?.message ?? res.statusText);
  return body as T;
}

/**
 * Whether a failed query is worth asking again: a 4xx is an answer (not found, bad input, forbidden),
 * given at once; a network error, a 5xx, a 429 or a cache still syncing may pass, twice at most.
 */
export function shouldRetry(failures: number, e: unknown): boolean {
  if (failures >= 2) return false;
  return !(e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429);
}
