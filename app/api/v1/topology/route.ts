import { namespaceParam, withRuntime, json } from '@/server/api/http';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return withRuntime((rt) => json(rt.engine.snapshot(namespaceParam(req.url))));
}
