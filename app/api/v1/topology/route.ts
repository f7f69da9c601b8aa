import { jsonText, problemsParam, queryParams, scopeParams, viewParam, withRuntime } from '@/server/api/http';
import { historyStore, timeParam } from '@/server/api/history';
import { topologyAt } from '@/server/api/past';

export const dynamic = 'force-dynamic';

const PARAMS = ['namespace', 'kinds', 'view', 'problems', 'at'];

/**
 * The topology of the cluster or one namespace, optionally only some kinds
 * (`?kinds=StatefulSet,Service`); `?view=grouped` as the topology view draws it (`&problems=true`:
 * only what is not ok and its neighbours); `?at=` as the history recorded it then.
 */
export function GET(req: Request) {
  return withRuntime(async (rt) => {
    const { namespace, kinds } = scopeParams(req.url, PARAMS);
    const params = queryParams(req.url, PARAMS);
    const view = viewParam(params, ['grouped']);
    const problems = problemsParam(params, view);
    const rawAt = params.get('at');
    if (rawAt !== null) {
      const at = timeParam('at', rawAt);
      const store = historyStore(rt);
      if (store instanceof Response) return store;
      return jsonText(
        await topologyAt(rt, store, at, { namespace, kinds }, view === 'grouped' ? { problems } : undefined),
      );
    }
    const t =
      view === 'grouped'
        ? rt.engine.grouped.snapshotBytes({ namespace, kinds, problems })
        : rt.engine.snapshotBytes(namespace, kinds);
    return jsonText(t.json);
  });
}
