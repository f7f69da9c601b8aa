import { namespaceParam, withRuntime, jsonText } from '@/server/api/http';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return withRuntime((rt) => jsonText(rt.engine.snapshotBytes(namespaceParam(req.url)).json));
}
