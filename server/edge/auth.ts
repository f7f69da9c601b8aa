/**
 * Who is asking, decided in the edge server for every request before Next sees it (pages, API
 * routes, streams, exports, assets) — not in Next middleware, which one header once bypassed
 * (CVE-2025-29927). ORDINAL_AUTH:
 * - `none`: no sign-in; only while listening on loopback, unless ORDINAL_ALLOW_ANONYMOUS=true.
 * - `proxy`: a signing-in proxy in front (oauth2-proxy) names the user in trusted headers;
 *   they are believed only from ORDINAL_TRUSTED_PROXIES (CIDRs), and from anywhere else the
 *   same headers get 401. `system:*` names are refused unless ORDINAL_AUTH_ALLOW_SYSTEM=true, and
 *   `system:*` groups dropped unless ORDINAL_AUTH_ALLOW_SYSTEM_GROUPS_ESCALATION=true.
 * - `oidc`: Ordinal signs users in itself against an OpenID provider (oidc.ts).
 * The kubelet's probes (/api/healthz, /api/readyz) need no identity (serve.ts lets them by; they
 * tell details only to someone signed in).
 */

import { BlockList, isIP } from 'node:net';
import { SettingError, type Subnet } from '../settings/parse';
import type { Settings } from '../settings/table';
import { CLIENT_ADDRESS_HEADER, SIGNED_IN_GROUPS_HEADER, SIGNED_IN_HEADER } from '@/lib/wire/whoami';
import { CLUSTER_HEADER } from '@/lib/wire/clusters';
import type { Rejection } from './guard';

export type AuthMode = Settings['auth'];

export interface AuthPolicy {
  mode: AuthMode;
  trusted: BlockList;
  allowSystem: boolean;
  /**
   * ORDINAL_AUTH_ALLOW_SYSTEM_GROUPS_ESCALATION=true: believe `system:` groups from a proxy or an ID
   * token. They are the apiserver's own (`system:masters` may do anything): a provider or proxy
   * that lets users name their groups would let them claim it. Dropped by default.
   */
  allowSystemGroups: boolean;
  /** ORDINAL_AUTH_HEADERS: the one family believed (default: whichever one a request carries). */
  family?: Family;
}

export interface Identity {
  user: string;
  groups: string[];
  email?: string;
}

/**
 * The header families a proxy names the user in: oauth2-proxy's X-Auth-Request-* (nginx
 * auth_request) and X-Forwarded-* (oauth2-proxy as a reverse proxy, and most others). A request
 * carries one family: a proxy overwrites the family it sets, not the other, so headers of both
 * mean a client added some — refused, never mixed.
 */
export const HEADER_FAMILIES = {
  'auth-request': { user: 'x-auth-request-user', groups: 'x-auth-request-groups', email: 'x-auth-request-email' },
  forwarded: { user: 'x-forwarded-user', groups: 'x-forwarded-groups', email: 'x-forwarded-email' },
  // Exactly the families ORDINAL_AUTH_HEADERS accepts (settings/signin.ts): one more on either side fails to compile.
} as const satisfies Record<Family, { user: string; groups: string; email: string }>;

type Family = NonNullable<Settings['authHeaders']>;
const FAMILIES = Object.keys(HEADER_FAMILIES) as Family[];
const IDENTITY_HEADERS = FAMILIES.flatMap((f) => Object.values(HEADER_FAMILIES[f]));

/** Never passed on to Next: impersonation is the API server's business, and Next's own subrequest marker is its. */
export function strippedHeader(name: string): boolean {
  return (
    name.startsWith('impersonate-') ||
    name === 'x-middleware-subrequest' ||
    name === SIGNED_IN_HEADER ||
    name === SIGNED_IN_GROUPS_HEADER ||
    name === CLUSTER_HEADER ||
    name === CLIENT_ADDRESS_HEADER ||
    // Next takes the script nonce from the request's CSP: only the edge's may be there.
    name === 'content-security-policy' ||
    name === 'content-security-policy-report-only'
  );
}

export function isLoopback(hostname: string | undefined): boolean {
  if (!hostname) return false;
  return hostname === 'localhost' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The policy from the settings; refuses (SettingError) what would expose the cluster without a sign-in. */
export function authPolicy(s: Settings, hostname: string | undefined): AuthPolicy {
  if (s.auth === 'none' && !isLoopback(hostname) && !s.allowAnonymous)
    throw new SettingError(
      'ORDINAL_AUTH',
      `is none (no sign-in) while listening on ${hostname ?? 'every interface'}: anyone who reaches the port would see the cluster. ` +
        'Set ORDINAL_AUTH=proxy (behind a signing-in proxy) or oidc, listen on loopback (-H 127.0.0.1), ' +
        'or set ORDINAL_ALLOW_ANONYMOUS=true to mean it',
    );
  return {
    mode: s.auth,
    trusted: blockList(s.trustedProxies ?? []),
    allowSystem: s.allowSystem,
    allowSystemGroups: s.allowSystemGroups,
    ...(s.authHeaders ? { family: s.authHeaders } : {}),
  };
}

function blockList(subnets: readonly Subnet[]): BlockList {
  const list = new BlockList();
  for (const n of subnets) list.addSubnet(n.address, n.prefix, n.family);
  return list;
}

/**
 * The client's address to count its streams by: the socket's peer, or, when that peer is a trusted
 * proxy, the last X-Forwarded-For entry (the address the proxy saw). A client's own header is
 * never believed: four spoofed values from one socket are one client.
 */
export function clientAddressOf(p: AuthPolicy, address: string | undefined, forwardedFor: string | undefined): string {
  const peer = address ?? 'unknown';
  if (!trusts(p, address)) return peer;
  const last = forwardedFor?.split(',').pop()?.trim();
  return last && isIP(last) ? last : peer;
}

/** Whether a request comes from a trusted proxy (its forwarded headers may be believed). */
export function trusts(p: AuthPolicy, address: string | undefined): boolean {
  if (!address) return false;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  return v4 ? p.trusted.check(v4, 'ipv4') : p.trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

interface Asking {
  path: string;
  address: string | undefined;
  header(name: string): string | undefined;
}

const unauthorized = (message: string): Rejection => ({
  status: 401,
  code: 'Unauthorized',
  message,
});

/** The request's identity, or why it has none. */
export function identify(p: AuthPolicy, r: Asking): Identity | Rejection {
  if (p.mode === 'none') return { user: 'anonymous', groups: [] };
  const named = IDENTITY_HEADERS.some((h) => r.header(h) !== undefined);
  if (!trusts(p, r.address))
    return unauthorized(
      named
        ? 'identity headers are only believed from the signing-in proxy (ORDINAL_TRUSTED_PROXIES); sign in through it'
        : 'sign in through the proxy in front of Ordinal',
    );
  const carried = FAMILIES.filter((f) => Object.values(HEADER_FAMILIES[f]).some((h) => r.header(h) !== undefined));
  if (carried.length > 1 || (p.family && carried.some((f) => f !== p.family)))
    return unauthorized('conflicting identity headers (two families, or not the one configured): refused');
  const names = HEADER_FAMILIES[carried[0] ?? p.family ?? 'forwarded'];
  const user = value(r, names.user);
  if (!user) return unauthorized('the proxy named no user: sign in');
  return vouch(p, user, value(r, names.groups), value(r, names.email));
}

/**
 * Who a sign-in names (a proxy's headers, an ID token's claims), checked alike for every mode:
 * a readable name, no `system:` identity unless allowed, groups as a list (or comma-separated).
 */
export function vouch(p: AuthPolicy, user: unknown, groups: unknown, email: unknown): Identity | Rejection {
  if (typeof user !== 'string' || !user.trim()) return unauthorized('the sign-in named no user');
  const name = user.trim();
  if (name.length > 256 || /[\u0000-\u001f\u007f]/.test(name))
    return unauthorized('the sign-in named an unreadable user');
  if (name.startsWith('system:') && !p.allowSystem)
    return {
      status: 403,
      code: 'Forbidden',
      message: 'system identities may not use Ordinal (ORDINAL_AUTH_ALLOW_SYSTEM)',
    };
  const list = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.split(',') : [];
  const named = list
    .filter((g): g is string => typeof g === 'string')
    .map((g) => g.trim())
    .filter((g) => g && g.length <= 256 && !/[\u0000-\u001f\u007f]/.test(g))
    // The apiserver's own groups (system:masters is superuser) are its to give, not a sign-in's.
    .filter((g) => p.allowSystemGroups || !g.startsWith('system:'))
    .slice(0, 200);
  return { user: name, groups: named, ...(typeof email === 'string' && email.trim() ? { email: email.trim() } : {}) };
}

function value(r: Asking, name: string): string | undefined {
  return r.header(name)?.trim() || undefined;
}
