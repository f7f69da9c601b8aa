import type { ProblemList } from '@/lib/wire/problems';
import { json, namespaceParam, withRuntime } from '@/server/api/http';
import { inNamespace } from '@/server/topology/problems';

export const dynamic = 'force-dynamic';

/** Problems by root cause, worst first: `{ revision, problems }` (lib/wire/problems.ts); `?namespace=` keeps those caused or felt there. */
export function GET(req: Request) {
  return withRuntime((rt) => {
    const namespace = namespaceParam(req.url);
    const { revision, problems } = rt.engine.problems();
    const body: ProblemList = { revision, problems: namespace ? inNamespace(problems, namespace) : problems };
    return json(body);
  });
}
