import type { HistoryStatus } from '@/lib/wire/history';
import { json, queryParams, withRuntime } from '@/server/api/http';

export const dynamic = 'force-dynamic';

/** Whether the history records, where, how much and over which span. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    queryParams(req.url, []);
    const h = rt.history;
    if (!h.on) return json({ enabled: false, ...(h.path ? { path: h.path } : {}), reason: h.reason });
    const s = h.reader.stats();
    const body: HistoryStatus = {
      enabled: true,
      path: h.reader.path,
      ...s,
      pending: (h.recorder?.pending ?? 0) + (h.shared?.state().waiting ?? 0),
      ...(h.shared ? { database: h.shared.state() } : {}),
      retainedFrom: h.reader.retainedFrom(),
      ...h.reader.retention(),
      ...(rt.mode === 'audit' ? { handedOver: true } : {}),
      ...(h.bundle
        ? {
            path: h.bundle.path,
            bundle: {
              exportedAt: h.bundle.manifest.exportedAt,
              scope: h.bundle.manifest.scope,
              entries: h.bundle.manifest.entries,
              verdict: h.bundle.verdict,
            },
          }
        : {}),
    };
    return json(body);
  });
}
