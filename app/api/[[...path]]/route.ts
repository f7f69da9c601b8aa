import { error } from '@/server/api/http';

export const dynamic = 'force-dynamic';

/** Any path under /api/ that no route serves: a JSON 404, not the HTML page. */
export function GET(req: Request) {
  return error(404, 'NotFound', `no API route ${new URL(req.url).pathname.slice(0, 200)}; see the README's HTTP API`);
}
