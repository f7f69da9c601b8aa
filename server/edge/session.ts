/**
 * Sign-in state kept by the browser, sealed: an encrypted JWT (JWE, `dir` + A256GCM) under a key
 * derived from the server's own key, so it can be neither read nor altered nor made elsewhere; a
 * tampered, expired or foreign cookie opens as nothing. Cookies are HttpOnly, Secure, SameSite=Lax,
 * scoped to the base path.
 */

import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';

export const SESSION_COOKIE = 'ordinal_session';
export const SIGNIN_COOKIE = 'ordinal_signin';

/** The signed-in user, and how long the provider vouches for it. */
export interface Session {
  user: string;
  groups: string[];
  email?: string;
  /** Seconds since the epoch: the identity's expiry (the ID token's); past it, refresh or sign in again. */
  exp: number;
  /** Seconds since the epoch: no refresh extends the session beyond this (ORDINAL_SESSION_MAX_AGE). */
  until: number;
  refreshToken?: string;
}

/** The sign-in in flight between /auth/login and the provider's redirect back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** The app path to return to (already checked to be this app's). */
  next: string;
}

/** The cookie key: HKDF of the server's key (ORDINAL_FINGERPRINT_KEY or .ordinal/fingerprint.key), for this use only. */
export function sessionKey(serverKey: Buffer): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', serverKey, Buffer.alloc(0), 'ordinal/session-cookie/v1', 32));
}

export async function seal(key: Uint8Array, value: object, expiresAt: number): Promise<string> {
  return new EncryptJWT({ v: value } as JWTPayload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .encrypt(key);
}

/** The sealed value, or undefined when it is missing, tampered with, made under another key or expired. */
export async function unseal<T>(key: Uint8Array, token: string | undefined): Promise<T | undefined> {
  if (!token || token.length > 8192) return undefined;
  try {
    const { payload } = await jwtDecrypt(token, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    return payload.v as T;
  } catch {
    return undefined;
  }
}

/** One cookie's value from a Cookie header (the first of that name). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function setCookie(name: string, value: string, o: { path: string; maxAgeS: number }): string {
  return `${name}=${value}; Path=${o.path}; Max-Age=${Math.max(0, Math.floor(o.maxAgeS))}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearCookie(name: string, path: string): string {
  return setCookie(name, '', { path, maxAgeS: 0 });
}
