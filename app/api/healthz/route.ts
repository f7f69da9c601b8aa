export const dynamic = 'force-dynamic';

/** Liveness: 200 while the process serves. */
export function GET() {
  return Response.json({ status: 'ok' });
}
