import { jsonText, scopeParams, withRuntime } from '@/server/api/http';

export const dynamic = 'force-dynamic';

/** The topology of the cluster or one namespace, optionally only some kinds (`?kinds=StatefulSet,Service`). */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const { namespace, kinds } = scopeParams(req.url);
    return jsonText(rt.engine.snapshotBytes(namespace, kinds).json);
  });
}
