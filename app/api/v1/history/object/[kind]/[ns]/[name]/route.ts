import { BadInput, error, json, queryParams, withRuntime } from '@/server/api/http';
import { historyObjectRef, historyStore } from '@/server/api/history';
import { revisionDiff } from '@/server/audit/revisions';

export const dynamic = 'force-dynamic';

const MAX_REVISIONS = 1000;

/**
 * One object's recorded revisions, newest first (every uid it had under this name);
 * `?from=ID&to=ID`: those two revisions as objects and YAML, and the patch between them.
 */
export async function GET(req: Request, ctx: { params: Promise<{ kind: string; ns: string; name: string }> }) {
  const { kind, ns, name } = await ctx.params;
  return withRuntime((rt) => {
    const params = queryParams(req.url, ['from', 'to']);
    const ref = historyObjectRef(kind, ns, name);
    const store = historyStore(rt);
    if (store instanceof Response) return store;
    const { entries } = store.query({
      kind: ref.kind,
      namespace: ref.namespace ?? undefined,
      name: ref.name,
      limit: MAX_REVISIONS,
    });
    const scoped = ref.namespace ? entries : entries.filter((e) => !e.namespace);
    const from = params.get('from');
    const to = params.get('to');
    if (from === null && to === null) return json({ ...ref, revisions: scoped });
    const id = (v: string | null, k: string) => {
      if (v === null) return undefined;
      if (!/^\d{1,15}$/.test(v)) throw new BadInput(`${k} must be a revision id`);
      return Number(v);
    };
    const fromId = id(from, 'from');
    if (fromId === undefined) throw new BadInput('to needs from');
    const diff = revisionDiff(store, scoped, fromId, id(to, 'to'));
    if ('missing' in diff) return error(404, 'NotFound', diff.missing);
    return json({ ...ref, ...diff });
  });
}
