import { jsonText, problemsParam, queryParams, scopeParams, viewParam, withRuntime } from '@/server/api/http';

export const dynamic = 'force-dynamic';

const PARAMS = ['namespace', 'kinds', 'view', 'problems'];

/**
 * The topology of the cluster or one namespace, optionally only some kinds
 * (`?kinds=StatefulSet,Service`); `?view=grouped` as the topology view draws it (`&problems=true`:
 * only what is not ok and its neighbours).
 */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const { namespace, kinds } = scopeParams(req.url, PARAMS);
    const params = queryParams(req.url, PARAMS);
    const view = viewParam(params, ['grouped']);
    const problems = problemsParam(params, view);
    const t = view === 'grouped' ? rt.engine.grouped.snapshotBytes({ namespace, kinds, problems }) : rt.engine.snapshotBytes(namespace, kinds);
    return jsonText(t.json);
  });
}
