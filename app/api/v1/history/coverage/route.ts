import { BadInput, json, queryParams, withRuntime } from '@/server/api/http';
import { historyStore, timeParam } from '@/server/api/history';
import { coverageSpans } from '@/server/audit/coverage';

export const dynamic = 'force-dynamic';

/** Per kind, the spans it was watched and blind (`{ kinds: { Pod: [{ from, to, watched, detail? }] } }`), within `since`–`until`. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const params = queryParams(req.url, ['since', 'until']);
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    const since = params.get('since') ? timeParam('since', params.get('since') ?? '') : undefined;
    const until = params.get('until') ? timeParam('until', params.get('until') ?? '') : new Date().toISOString();
    if (since && since >= until) throw new BadInput('since must be before until');
    const all = coverageSpans(store.marks(undefined, until), until);
    const kinds = Object.fromEntries(
      Object.entries(all).map(([k, spans]) => [k, spans.filter((s) => !since || s.to > since)]),
    );
    return json({ kinds });
  });
}
