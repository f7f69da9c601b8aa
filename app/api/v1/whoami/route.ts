import type { WhoAmI } from '@/lib/wire/whoami';
import { BadInput, error, json, queryParams } from '@/server/api/http';

export const dynamic = 'force-dynamic';

/** Who the edge signed in (server/edge/auth.ts sets x-ordinal-user, dropping any the client sent), and where to sign out. */
export function GET(req: Request) {
  try {
    queryParams(req.url, []);
  } catch (e) {
    if (e instanceof BadInput) return error(400, 'BadRequest', e.message);
    throw e;
  }
  const raw = req.headers.get('x-ordinal-user');
  let user = 'anonymous';
  try {
    if (raw) user = decodeURIComponent(raw);
  } catch {
    // Set by the edge, always encoded; anything else is not a user.
  }
  const mode = process.env.ORDINAL_AUTH?.trim() || 'none';
  const body: WhoAmI = {
    user,
    signedIn: mode !== 'none',
    ...(mode === 'proxy' ? { signOut: process.env.ORDINAL_SIGN_OUT_URL?.trim() || '/oauth2/sign_out' } : {}),
  };
  return json(body);
}
