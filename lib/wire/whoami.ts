/** `/api/v1/whoami`: who is signed in (`anonymous` with no sign-in), and where signing out goes. */
export interface WhoAmI {
  user: string;
  signedIn: boolean;
  signOut?: string;
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
