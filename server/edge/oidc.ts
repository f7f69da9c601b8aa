import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { withBase } from '@/lib/basepath';
import { SettingError } from '../settings/parse';
import type { Settings } from '../settings/table';
import type { Rejection } from './guard';
import type { Identity } from './auth';
import {
  clearCookie,
  cookieValue,
  seal,
  SESSION_COOKIE,
  setCookie,
  SIGNIN_COOKIE,
  unseal,
  type PendingSignIn,
  type Session,
} from './session';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret?: string;
  usernameClaim: string;
  groupsClaim: string;
  scopes: string;
  /** ORDINAL_OIDC_REDIRECT_URL; else made from the request's Host under the base path. */
  redirectUrl?: string;
  maxAgeMs: number;
}

export const AUTH_PATHS = {
  login: '/auth/login',
  callback: '/auth/callback',
  logout: '/auth/logout',
  signedOut: '/auth/signed-out',
} as const;
const PENDING_S = 600;

/** The sign-in's settings (ORDINAL_OIDC_*, ORDINAL_SESSION_MAX_AGE); the issuer and client are required with oidc. */
export function oidcSettings(s: Settings): OidcSettings {
  if (!s.oidcIssuer) throw new SettingError('ORDINAL_OIDC_ISSUER', 'is required with ORDINAL_AUTH=oidc');
  if (!s.oidcClientId) throw new SettingError('ORDINAL_OIDC_CLIENT_ID', 'is required with ORDINAL_AUTH=oidc');
  return {
    issuer: s.oidcIssuer,
    clientId: s.oidcClientId,
    ...(s.oidcClientSecret ? { clientSecret: s.oidcClientSecret } : {}),
    usernameClaim: s.oidcUsernameClaim,
    groupsClaim: s.oidcGroupsClaim,
    scopes: s.oidcScopes,
    ...(s.oidcRedirectUrl ? { redirectUrl: s.oidcRedirectUrl } : {}),
    maxAgeMs: s.sessionMaxAgeMs,
  };
}

/** What the edge is to do: send a redirect (with cookies), refuse, or go on as someone. */
export type OidcAnswer =
  { redirect: string; cookies: string[] } | { page: string; cookies: string[] } | (Rejection & { cookies?: string[] });
/**
 * A request's identity and until when it holds (epoch seconds: the session's ID token, or the
 * bearer token, expires then). A stream lasts no longer: the edge ends it, and the reconnect is
 * signed in again — refreshed, or refused once the session is over.
 */
export type OidcIdentity =
  { identity: Identity; until: number; cookies: string[] } | { none: string; cookies: string[] };

export interface OidcRequest {
  /** The app path (base path off) and query. */
  url: string;
  method: string;
  header(name: string): string | undefined;
  /** The request's public origin (`https://host`), as the edge believes it. */
  origin: string;
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * Where to go after signing in: `next` as the browser will read it — parsed by the WHATWG URL
 * parser against this site's origin — kept only when it stays on this origin and under the base
 * path. A control character anywhere (tab, CR, LF and the rest of C0, DEL), which browsers strip
 * from URLs (`/\t/evil.example` is `//evil.example`), refuses it. Else the base path.
 */
export function returnPath(raw: string | null | undefined, origin: string, base: string): string {
  const home = `${base}/`;
  if (!raw || raw.length > 2048 || /[\u0000-\u001f\u007f]/.test(raw) || !raw.startsWith('/')) return home;
  let own: URL;
  let u: URL;
  try {
    own = new URL(origin);
    u = new URL(raw, own);
  } catch {
    return home;
  }
  if (u.origin !== own.origin || u.username || u.password) return home;
  if (base && u.pathname !== base && !u.pathname.startsWith(home)) return home;
  return `${u.pathname}${u.search}${u.hash}`;
}

/**
 * ORDINAL_AUTH=oidc: Ordinal signs users in itself, with the authorization code flow and PKCE
 * against any OpenID provider (openid-client), and keeps who they are in a sealed session cookie
 * (session.ts) until the ID token expires — then refreshes it with the refresh token, up to
 * ORDINAL_SESSION_MAX_AGE. Scripts may send the provider's ID token as `Authorization: Bearer`,
 * checked against the issuer's keys, audience (the client id) and expiry.
 */
export class OidcSignIn {
  private config?: Promise<client.Configuration>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;
  private refreshing = new Map<string, Promise<Session | undefined>>();

  constructor(
    private readonly s: OidcSettings,
    private readonly key: Uint8Array,
    private readonly base: string,
    /** Turns claims into who is asking, or why not (the same rules as every sign-in: auth.ts). */
    private readonly vouch: (user: unknown, groups: unknown, email: unknown) => Identity | Rejection,
  ) {}

  private cookiePath(): string {
    return `${this.base}/`;
  }

  /** Discovery once; a provider that cannot be reached is asked again on the next sign-in. */
  private configuration(): Promise<client.Configuration> {
    this.config ??= client
      .discovery(
        this.s.issuer,
        this.s.clientId,
        undefined,
        this.s.clientSecret ? client.ClientSecretPost(this.s.clientSecret) : client.None(),
        {
          ...(this.s.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
          timeout: 10,
        },
      )
      .catch((e: unknown) => {
        this.config = undefined;
        throw e;
      });
    return this.config;
  }

  private redirectUri(origin: string): string {
    return this.s.redirectUrl ?? `${origin}${withBase(this.base, AUTH_PATHS.callback)}`;
  }

  isOwnPath(path: string): boolean {
    return (Object.values(AUTH_PATHS) as string[]).includes(path);
  }

  /** /auth/login, /auth/callback, /auth/logout and /auth/signed-out. */
  async answer(path: string, r: OidcRequest): Promise<OidcAnswer> {
    try {
      if (path === AUTH_PATHS.login) return await this.login(r);
      if (path === AUTH_PATHS.callback) return await this.callback(r);
      // A GET asks to sign out (a page with the button); only a POST from this site does it.
      if (path === AUTH_PATHS.logout)
        return r.method === 'POST' ? await this.logout(r) : { page: 'sign-out', cookies: [] };
      return { page: 'signed-out', cookies: [] };
    } catch (e) {
      return unavailable(e);
    }
  }

  private async login(r: OidcRequest): Promise<OidcAnswer> {
    const config = await this.configuration();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next: returnPath(new URL(r.url, 'http://x').searchParams.get('next'), r.origin, this.base),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(r.origin),
      scope: this.s.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      // A refresh token is only issued with consent to offline access.
      ...(this.s.scopes.split(' ').includes('offline_access') ? { prompt: 'consent' } : {}),
    });
    const sealed = await seal(this.key, pending, now() + PENDING_S);
    return {
      redirect: url.href,
      cookies: [setCookie(SIGNIN_COOKIE, sealed, { path: this.cookiePath(), maxAgeS: PENDING_S })],
    };
  }

  private async callback(r: OidcRequest): Promise<OidcAnswer> {
    const pending = await unseal<PendingSignIn>(this.key, cookieValue(r.header('cookie'), SIGNIN_COOKIE));
    const done = [clearCookie(SIGNIN_COOKIE, this.cookiePath())];
    if (!pending)
      return { ...unauthorized('this sign-in expired or was not started here: sign in again'), cookies: done };
    const config = await this.configuration();
    const q = r.url.indexOf('?');
    const current = new URL(`${this.redirectUri(r.origin)}${q === -1 ? '' : r.url.slice(q)}`);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      return { ...unauthorized(`sign-in refused: ${reason(e)}`), cookies: done };
    }
    const session = this.sessionOf(tokens, undefined);
    if ('status' in session) return { ...session, cookies: done };
    return {
      redirect: returnPath(pending.next, r.origin, this.base),
      cookies: [...done, await this.sessionCookie(session)],
    };
  }

  /**
   * Signs out: the session cookie cleared, its refresh token revoked at the issuer when it offers
   * revocation (RFC 7009; a stolen cookie can then not be refreshed), then the provider's sign-out.
   */
  private async logout(r: OidcRequest): Promise<OidcAnswer> {
    const cookies = [clearCookie(SESSION_COOKIE, this.cookiePath())];
    const session = await unseal<Session>(this.key, cookieValue(r.header('cookie'), SESSION_COOKIE));
    if (session?.refreshToken) {
      // A refresh shared within the last minute must not outlive the sign-out either.
      this.refreshing.delete(session.refreshToken);
      await this.revoke(session.refreshToken);
    }
    const back = this.s.redirectUrl
      ? this.s.redirectUrl.replace(/auth\/callback$/, 'auth/signed-out')
      : `${r.origin}${withBase(this.base, AUTH_PATHS.signedOut)}`;
    const config = await this.configuration().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return { redirect: back, cookies };
    return {
      redirect: client.buildEndSessionUrl(config, { client_id: this.s.clientId, post_logout_redirect_uri: back }).href,
      cookies,
    };
  }

  /** Revokes a refresh token where the issuer offers revocation; a failure is logged, the sign-out goes on. */
  private async revoke(token: string): Promise<void> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().revocation_endpoint) return;
      await client.tokenRevocation(config, token, { token_type_hint: 'refresh_token' });
    } catch (e) {
      console.warn(`ordinal: sign-out: the refresh token could not be revoked (${reason(e)})`);
    }
  }

  /** The identity from the ID token's claims (a refresh without one keeps the earlier claims). */
  private sessionOf(
    tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
    previous: Session | undefined,
  ): Session | Rejection {
    const claims = tokens.claims();
    const until = previous?.until ?? now() + Math.floor(this.s.maxAgeMs / 1000);
    const exp = Math.min(until, claims?.exp ?? now() + (tokens.expiresIn() ?? 300));
    const refreshToken = tokens.refresh_token ?? previous?.refreshToken;
    if (!claims && previous) return { ...previous, exp, ...(refreshToken ? { refreshToken } : {}) };
    const who = this.identityOf(claims ?? {});
    if ('status' in who) return who;
    return { ...who, exp, until, ...(refreshToken ? { refreshToken } : {}) };
  }

  /** Who an ID token's claims name (the configured username and groups claims), by the rules of every sign-in. */
  private identityOf(claims: JWTPayload): Identity | Rejection {
    const c = claims as Record<string, unknown>;
    return this.vouch(c[this.s.usernameClaim], c[this.s.groupsClaim], c.email);
  }

  private sessionCookie(s: Session): Promise<string> {
    return seal(this.key, s, s.until).then((v) =>
      setCookie(SESSION_COOKIE, v, { path: this.cookiePath(), maxAgeS: s.until - now() }),
    );
  }

  /** Who is asking: a bearer ID token, or the session cookie (refreshed when its identity expired). */
  async identify(r: OidcRequest): Promise<OidcIdentity> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(r.header('authorization') ?? '')?.[1];
    if (bearer) return this.fromBearer(bearer);
    const raw = cookieValue(r.header('cookie'), SESSION_COOKIE);
    const session = await unseal<Session>(this.key, raw);
    if (!session)
      return {
        none: raw ? 'your session is no longer valid: sign in again' : 'sign in',
        cookies: raw ? [clearCookie(SESSION_COOKIE, this.cookiePath())] : [],
      };
    if (session.exp > now()) return { identity: identityOf(session), until: session.exp, cookies: [] };
    const fresh = await this.refresh(session);
    if (!fresh)
      return { none: 'your session expired: sign in again', cookies: [clearCookie(SESSION_COOKIE, this.cookiePath())] };
    return { identity: identityOf(fresh), until: fresh.exp, cookies: [await this.sessionCookie(fresh)] };
  }

  /** One refresh per refresh token at a time: a page's parallel requests share it. */
  private refresh(s: Session): Promise<Session | undefined> {
    const token = s.refreshToken;
    if (!token || s.until <= now()) return Promise.resolve(undefined);
    let p = this.refreshing.get(token);
    if (!p) {
      p = this.configuration()
        .then((config) => client.refreshTokenGrant(config, token))
        .then((tokens) => {
          const next = this.sessionOf(tokens, s);
          return 'status' in next ? undefined : next;
        })
        .catch(() => undefined)
        // Kept a minute: a request still carrying the old cookie shares the answer (the provider may rotate the token).
        .finally(() => setTimeout(() => this.refreshing.delete(token), 60_000).unref());
      this.refreshing.set(token, p);
    }
    return p;
  }

  private async fromBearer(token: string): Promise<OidcIdentity> {
    try {
      const config = await this.configuration();
      const meta = config.serverMetadata();
      if (!meta.jwks_uri)
        return { none: 'the provider publishes no keys to check a bearer token against', cookies: [] };
      this.jwks ??= createRemoteJWKSet(new URL(meta.jwks_uri));
      const { payload } = await jwtVerify(token, this.jwks, { issuer: meta.issuer, audience: this.s.clientId });
      const who = this.identityOf(payload);
      // jwtVerify refused an expired token; one without `exp` holds for the session's longest life.
      const until = payload.exp ?? now() + Math.floor(this.s.maxAgeMs / 1000);
      return 'status' in who ? { none: who.message, cookies: [] } : { identity: who, until, cookies: [] };
    } catch (e) {
      return { none: `bearer token refused: ${reason(e)}`, cookies: [] };
    }
  }
}

function identityOf(s: Session): Identity {
  return { user: s.user, groups: s.groups, ...(s.email ? { email: s.email } : {}) };
}

function unauthorized(message: string): Rejection {
  return { status: 401, code: 'Unauthorized', message };
}

/** A library's reason, as one short line (its messages name claims and checks, never token contents). */
function reason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200);
}

function unavailable(e: unknown): Rejection {
  return {
    status: 503,
    code: 'SignInUnavailable',
    message: `the OpenID provider cannot be reached: ${reason(e)}`,
    headers: { 'Retry-After': '5' },
  };
}
