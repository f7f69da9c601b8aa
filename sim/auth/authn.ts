/**
 * Who a bearer token is, as the apiserver's authenticators say: the sim's admin token
 * (system:masters), static tokens (`--token-auth-file` as kube-apiserver reads it, or
 * `--user-token` on the command line), and service account tokens issued by TokenRequest —
 * JWTs bound to the account's uid, refused once it is deleted or they expire.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jwtVerify, SignJWT } from 'jose';
import { serviceAccountIdentity, SUPERUSER_GROUP, type Identity } from './rbac';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const ADMIN = 'kubernetes-admin';

export interface StaticToken {
  token: string;
  user: string;
  uid?: string;
  groups: string[];
}

/** The service account a token names, as the store has it now (its uid), or undefined. */
export type AccountLookup = (namespace: string, name: string) => { uid: string } | undefined;

export interface IssuedToken {
  token: string;
  expirationTimestamp: string;
}

/** A token that cannot be issued (`missing`: no such service account) or a token setting that cannot be read. */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly missing = false,
  ) {
    super(message);
  }
}

export class Authenticator {
  private readonly secret = randomBytes(32);
  private readonly statics = new Map<string, StaticToken>();

  constructor(
    private readonly adminToken: string,
    private readonly accounts: AccountLookup,
    tokens: StaticToken[] = [],
  ) {
    for (const t of tokens) this.statics.set(t.token, t);
  }

  async authenticate(token: string, audience?: string[]): Promise<Identity | undefined> {
    if (same(token, this.adminToken)) return { name: ADMIN, groups: [SUPERUSER_GROUP, 'system:authenticated'] };
    const s = this.statics.get(token);
    if (s) return { name: s.user, ...(s.uid ? { uid: s.uid } : {}), groups: [...s.groups, 'system:authenticated'] };
    if (token.split('.').length !== 3) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, ...(audience ? { audience } : {}) });
      const k = payload['kubernetes.io'] as { namespace?: string; serviceaccount?: { name?: string; uid?: string } };
      const ns = k?.namespace;
      const sa = k?.serviceaccount;
      if (!ns || !sa?.name || !sa.uid) return undefined;
      // Bound to the account: a token outlives neither it nor its recreation.
      if (this.accounts(ns, sa.name)?.uid !== sa.uid) return undefined;
      return serviceAccountIdentity(ns, sa.name, sa.uid);
    } catch {
      return undefined;
    }
  }

  /** TokenRequest: a token for the service account, for `expirationSeconds` (at least 10 minutes, as the apiserver asks). */
  async issue(
    namespace: string,
    name: string,
    o: { audiences?: string[]; expirationSeconds?: number },
  ): Promise<IssuedToken> {
    const account = this.accounts(namespace, name);
    if (!account) throw new TokenError(`serviceaccounts "${name}" not found`, true);
    const seconds = o.expirationSeconds ?? 3600;
    if (!Number.isInteger(seconds) || seconds < 600 || seconds > 2 ** 32)
      throw new TokenError('spec.expirationSeconds: Invalid value: may not specify a duration less than 10 minutes');
    const exp = Math.floor(Date.now() / 1000) + seconds;
    const token = await new SignJWT({
      'kubernetes.io': { namespace, serviceaccount: { name, uid: account.uid } },
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(`system:serviceaccount:${namespace}:${name}`)
      .setAudience(o.audiences?.length ? o.audiences : [ISSUER])
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expirationTimestamp: new Date(exp * 1000).toISOString() };
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * kube-apiserver's `--token-auth-file`: CSV lines `token,user,uid[,"group1,group2"]`; `#` starts
 * a comment. Throws naming the line that cannot be read.
 */
export function parseTokenFile(path: string): StaticToken[] {
  const out: StaticToken[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const text = line.trim();
      if (!text || text.startsWith('#')) return;
      const m = /^([^,]+),([^,]+),([^,]*)(?:,(?:"([^"]*)"|([^,]*)))?$/.exec(text);
      if (!m) throw new TokenError(`${path}:${i + 1}: expected token,user,uid[,"group1,group2"]`);
      out.push(tokenOf(m[1], m[2], m[3], m[4] ?? m[5] ?? ''));
    });
  return out;
}

/** `--user-token TOKEN=USER[:GROUP,GROUP]`. */
export function parseUserToken(arg: string): StaticToken {
  const m = /^([^=]+)=([^:]+)(?::(.*))?$/.exec(arg);
  if (!m) throw new TokenError(`--user-token ${arg}: expected TOKEN=USER[:GROUP,GROUP]`);
  return tokenOf(m[1], m[2], '', m[3] ?? '');
}

function tokenOf(token: string, user: string, uid: string, groups: string): StaticToken {
  return {
    token: token.trim(),
    user: user.trim(),
    ...(uid.trim() ? { uid: uid.trim() } : {}),
    groups: groups
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
  };
}
