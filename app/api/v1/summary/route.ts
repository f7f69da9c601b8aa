import { jsonText, queryParams, withRuntime } from '@/server/api/http';

export const dynamic = 'force-dynamic';

/** The overview: per-namespace counts and health, the worst problems first (`/api/v1/stream?view=summary` keeps it live). */
export function GET(req: Request) {
  return withRuntime((rt) => {
    queryParams(req.url, []);
    return jsonText(rt.engine.summary().json);
  });
}
