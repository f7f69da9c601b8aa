/** `/api/v1/whoami`: who is signed in (`anonymous` with no sign-in), and where signing out goes. */
export interface WhoAmI {
  user: string;
  /** The groups the sign-in named (a proxy's groups header, an ID token's groups claim). */
  groups: string[];
  signedIn: boolean;
  signOut?: string;
  /** `post`: signing out is a POST to `signOut` (a form: a link from another site cannot sign anyone out). */
  signOutMethod?: 'post';
  /**
   * What the cluster lets this viewer see (ORDINAL_AUTHZ=cluster-rbac): `all` every kind
   * everywhere — also when access is not per viewer, or the cluster is not reachable yet; `some`
   * a part (`why` none: the views hold only it); `none` nothing, and why.
   */
  access: { state: 'all' | 'some' | 'none'; why?: string };
}

/**
 * The request header the edge names the signed-in user in (URI-encoded), after dropping any a
 * client sent: the one contract between server/edge and what reads the user behind it.
 */
export const SIGNED_IN_HEADER = 'x-ordinal-user';

/** The signed-in user from that header's value; undefined when absent or not an edge-made value. */
export function signedInUser(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Beside it, the signed-in user's groups: a URI-encoded JSON array, set (and any client's dropped) by the edge. */
export const SIGNED_IN_GROUPS_HEADER = 'x-ordinal-groups';

export function groupsHeader(groups: readonly string[]): string {
  return encodeURIComponent(JSON.stringify(groups));
}

/** The groups from that header's value; none when absent or not an edge-made value. */
export function signedInGroups(raw: string | null | undefined): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(decodeURIComponent(raw));
    return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The client's address as the edge believes it (set by the edge, any client's dropped): the
 * socket's peer, or — when that peer is a trusted proxy (ORDINAL_TRUSTED_PROXIES) — the last
 * X-Forwarded-For entry, the address the proxy saw.
 */
export const CLIENT_ADDRESS_HEADER = 'x-ordinal-client';
