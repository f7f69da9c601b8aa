import {
  SIGNED_IN_GROUPS_HEADER,
  SIGNED_IN_HEADER,
  signedInGroups,
  signedInUser,
  type WhoAmI,
} from '@/lib/wire/whoami';
import { authMode } from '@/server/edge/auth';
import { basePath } from '@/server/basepath';
import { withBase } from '@/lib/basepath';
import { BadInput, error, json, queryParams } from '@/server/api/http';
import { accessOf } from '@/server/api/viewer';

export const dynamic = 'force-dynamic';

/** Who the edge signed in (server/edge/auth.ts sets x-ordinal-user and x-ordinal-groups, dropping any the client sent), and where to sign out. */
export async function GET(req: Request) {
  try {
    queryParams(req.url, []);
  } catch (e) {
    if (e instanceof BadInput) return error(400, 'BadRequest', e.message);
    throw e;
  }
  const user = signedInUser(req.headers.get(SIGNED_IN_HEADER)) ?? 'anonymous';
  // The edge refused to start on an unreadable ORDINAL_AUTH: here it reads.
  const mode = authMode(process.env);
  const body: WhoAmI = {
    user,
    groups: signedInGroups(req.headers.get(SIGNED_IN_GROUPS_HEADER)),
    signedIn: mode !== 'none',
    ...(mode === 'proxy' ? { signOut: process.env.ORDINAL_SIGN_OUT_URL?.trim() || '/oauth2/sign_out' } : {}),
    ...(mode === 'oidc'
      ? { signOut: withBase(basePath(process.env), '/auth/logout'), signOutMethod: 'post' as const }
      : {}),
    access: await accessOf(req.headers),
  };
  return json(body);
}
