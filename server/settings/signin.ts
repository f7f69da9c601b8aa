import { durationMs, flag, given, list, matching, oneOf, row, SettingError, subnet, text, untrimmed } from './parse';

/** Who may look, and what each viewer sees. */
export function accessRows() {
  return {
    auth: row({
      env: 'ORDINAL_AUTH',
      default: '`none`',
      doc:
        'who may look: `none` (no sign-in; allowed only while listening on loopback — on any other address the ' +
        'server refuses to start unless `ORDINAL_ALLOW_ANONYMOUS=true`), `proxy` (a signing-in proxy such as ' +
        'oauth2-proxy names the user in `X-Auth-Request-User`/`-Groups`/`-Email` or ' +
        '`X-Forwarded-User`/`-Groups`/`-Email`) or `oidc` (Ordinal signs users in itself, below). Enforced by ' +
        'the edge server for every page, API route, stream, export and asset (not by Next middleware); only ' +
        '`/api/healthz` and `/api/readyz` answer without it. Incoming `Impersonate-*` and ' +
        '`x-middleware-subrequest` headers are dropped',
      parse: oneOf(['none', 'proxy', 'oidc'], 'none'),
    }),
    allowAnonymous: row({
      env: 'ORDINAL_ALLOW_ANONYMOUS',
      default: '`false`',
      doc: '`true` lets `ORDINAL_AUTH=none` listen on an address other than loopback',
      parse: flag,
    }),
    authz: row({
      env: 'ORDINAL_AUTHZ',
      default: '`none`',
      doc:
        'what each signed-in viewer sees: `none` (everyone who may sign in sees what the dashboard’s own ' +
        'account sees) or `cluster-rbac` (each viewer sees what the cluster’s RBAC lets *them* list and ' +
        'watch, kind by kind and namespace by namespace — see "Access per viewer" below; the deploy ' +
        'manifests set it). Needs `ORDINAL_AUTH=proxy` or `oidc`: an anonymous viewer has no access',
      parse: oneOf(['none', 'cluster-rbac'], 'none'),
    }),
    authzTtlMs: row({
      env: 'ORDINAL_AUTHZ_TTL',
      default: '`60s`',
      doc:
        'with `cluster-rbac`: how long the cluster’s answers are remembered per (user, sorted groups). A ' +
        'change to a Role, ClusterRole or binding is felt at once (they are watched); the TTL bounds the rest',
      parse: durationMs('60s'),
    }),
    trustedProxies: row({
      env: 'ORDINAL_TRUSTED_PROXIES',
      doc:
        'the addresses (comma-separated IPs or CIDRs, e.g. `127.0.0.1/32,::1` for a sidecar) whose forwarded ' +
        'headers are believed: with `proxy` the identity headers (from anywhere else: 401), in every mode ' +
        '`X-Forwarded-For` (the client a stream is counted against; else the socket’s address) and ' +
        '`X-Forwarded-Proto` (HSTS, the OIDC redirect URL)',
      parse: list(subnet),
    }),
    authHeaders: row({
      env: 'ORDINAL_AUTH_HEADERS',
      default: 'either',
      doc:
        'with `proxy`: `auth-request` or `forwarded` believes only that header family. By default either, but ' +
        'never both in one request: a proxy overwrites the family it sets, so headers of the other family ' +
        'mean a client added them (401)',
      parse: oneOf(['auth-request', 'forwarded'], undefined),
    }),
    allowSystem: row({
      env: 'ORDINAL_AUTH_ALLOW_SYSTEM',
      default: '`false`',
      doc: '`true` lets `system:*` names sign in (refused by default)',
      parse: flag,
    }),
    allowSystemGroups: row({
      env: 'ORDINAL_AUTH_ALLOW_SYSTEM_GROUPS_ESCALATION',
      default: '`false`',
      doc:
        '`true` believes `system:*` groups from the proxy or the ID token (dropped by default: ' +
        '`system:masters` is the apiserver’s superuser group, and a provider that lets users name their ' +
        'groups would let anyone claim it)',
      parse: flag,
    }),
    signOutUrl: row({
      env: 'ORDINAL_SIGN_OUT_URL',
      default: '`/oauth2/sign_out`',
      doc: 'with `proxy`: where the header’s "Sign out" goes (oauth2-proxy’s by default)',
      parse: text('/oauth2/sign_out'),
    }),
  };
}

const isLoopbackHost = (h: string) => h === 'localhost' || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h);

/** ORDINAL_OIDC_ISSUER: https, or plain http only to a provider on this machine (tokens would travel in clear). */
function issuerUrl(raw: string | undefined, name: string): URL | undefined {
  const v = given(raw);
  if (v === undefined) return undefined;
  let issuer: URL;
  try {
    issuer = new URL(v);
  } catch {
    throw new SettingError(name, `"${v.slice(0, 80)}" is not a URL`);
  }
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname)))
    throw new SettingError(name, 'must be an https:// URL (http:// only on loopback)');
  return issuer;
}

/** Ordinal's own sign-in (`ORDINAL_AUTH=oidc`); the issuer and client are required then (rules.ts). */
export function oidcRows() {
  return {
    oidcIssuer: row({
      env: 'ORDINAL_OIDC_ISSUER',
      doc:
        'with `oidc`: the provider’s issuer URL (https; http only on loopback). The authorization code flow ' +
        'with PKCE (S256), state and nonce; pages without a session go to the provider, API calls and ' +
        'streams get 401',
      parse: issuerUrl,
    }),
    oidcClientId: row({
      env: 'ORDINAL_OIDC_CLIENT_ID',
      doc:
        'with `oidc`: the client registered with the provider (redirect URL `https://HOST[BASE]/auth/callback`, ' +
        'post-logout URL `https://HOST[BASE]/auth/signed-out`)',
      parse: text(undefined),
    }),
    oidcClientSecret: row({
      env: 'ORDINAL_OIDC_CLIENT_SECRET',
      doc: 'with `oidc`: the client’s secret; unset: a public client (PKCE alone)',
      parse: untrimmed,
    }),
    oidcUsernameClaim: row({
      env: 'ORDINAL_OIDC_USERNAME_CLAIM',
      default: '`sub`',
      doc: 'with `oidc`: the ID token claim naming the user (as kube-apiserver’s `--oidc-username-claim`)',
      parse: text('sub'),
    }),
    oidcGroupsClaim: row({
      env: 'ORDINAL_OIDC_GROUPS_CLAIM',
      default: '`groups`',
      doc: 'with `oidc`: the ID token claim naming the groups',
      parse: text('groups'),
    }),
    oidcScopes: row({
      env: 'ORDINAL_OIDC_SCOPES',
      default: '`openid profile email offline_access`',
      doc: 'with `oidc`: the scopes asked for (`offline_access` brings the refresh token)',
      parse: text('openid profile email offline_access'),
    }),
    oidcRedirectUrl: row({
      env: 'ORDINAL_OIDC_REDIRECT_URL',
      default: 'from the request',
      doc:
        'with `oidc`: the callback URL as registered (default: made from the request’s `Host` and, from ' +
        '`ORDINAL_TRUSTED_PROXIES`, `X-Forwarded-Proto`); sign-out returns beside it',
      parse: matching(/^https?:\/\/[^/]+\/.*auth\/callback$/, 'must be an http(s) URL ending in /auth/callback'),
    }),
    sessionMaxAgeMs: row({
      env: 'ORDINAL_SESSION_MAX_AGE',
      default: '`12h`',
      doc:
        'with `oidc`: the longest a sign-in lasts. The session is an encrypted cookie (`ordinal_session`: JWE, ' +
        'A256GCM, under a key derived from `ORDINAL_FINGERPRINT_KEY` or the key file — set it, or sessions end ' +
        'at a restart on a read-only disk), HttpOnly, Secure, SameSite=Lax; when the ID token expires it is ' +
        'refreshed with the refresh token, and with none the user signs in again. `POST /auth/logout` (the ' +
        'header’s Sign out button; a GET shows the button) clears it, revokes the refresh token at the ' +
        'provider when it offers revocation, and signs out there. Scripts may send the provider’s ID token as ' +
        '`Authorization: Bearer …` (checked against the issuer’s keys, its audience — the client id — and ' +
        'expiry). An event stream lasts no longer than the ID token (or bearer token) it was opened with: the ' +
        'edge ends it then, and the browser reconnects on the refreshed session — or is refused once the ' +
        'session is over',
      parse: durationMs('12h'),
    }),
  };
}
