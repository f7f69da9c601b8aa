import {
  SIGNED_IN_GROUPS_HEADER,
  SIGNED_IN_HEADER,
  signedInGroups,
  signedInUser,
  type WhoAmI,
} from '@/lib/wire/whoami';
import { processSettings } from '@/server/settings/process';
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
  // The edge refused to start on unusable settings: here they read.
  const s = processSettings();
  const mode = s.auth;
  const body: WhoAmI = {
    user,
    groups: signedInGroups(req.headers.get(SIGNED_IN_GROUPS_HEADER)),
    signedIn: mode !== 'none',
    ...(mode === 'proxy' ? { signOut: s.signOutUrl } : {}),
    ...(mode === 'oidc' ? { signOut: withBase(s.basePath, '/auth/logout'), signOutMethod: 'post' as const } : {}),
    access: await accessOf(req.headers),
  };
  return json(body);
}
