import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import { exportJWK, importJWK, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider for the sign-in tests: oidc-provider on a loopback port, with its
 * development login and consent pages (any user name, any password), a confidential client for
 * Ordinal (code flow, PKCE required, refresh tokens) and a second one, `other`. Its signing key is
 * the test's, so a test can also mint tokens that the issuer's keys verify — for another audience,
 * or already expired — to show they are refused.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** A token signed with the issuer's key, with these claims over a valid ID token's. */
  mint(claims: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export async function startProvider(o: {
  port: number;
  dashboard: string;
  idTokenTtlS: number;
}): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${o.port}`;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'ES256', use: 'sig' } as JWK;
  const clientId = 'ordinal';
  const clientSecret = 'ordinal-test-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${o.dashboard}/auth/callback`],
        post_logout_redirect_uris: [`${o.dashboard}/auth/signed-out`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'ES256',
      },
      {
        client_id: 'other',
        client_secret: 'other-secret-0123456789abcdef',
        redirect_uris: ['http://127.0.0.1/cb'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'groups'] },
    // The ID token carries the user's claims (groups, email) with the code flow too.
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.com`, name: id, groups: ['team-a', 'readers'] }),
    }),
    ttl: {
      IdToken: o.idTokenTtlS,
      AccessToken: o.idTokenTtlS,
      RefreshToken: 3600,
      Session: 3600,
      Grant: 3600,
      Interaction: 600,
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      revocation: { enabled: true },
    },
    cookies: { keys: ['test-cookie-key-0123456789'] },
  });
  provider.on('server_error', (_ctx, err) => console.error('oidc-provider:', err));
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(o.port, '127.0.0.1', () => resolve(s));
  });
  const signing = await importJWK(jwk, 'ES256');
  return {
    issuer,
    clientId,
    clientSecret,
    mint: (claims) => {
      const t = Math.floor(Date.now() / 1000);
      return new SignJWT({ sub: 'carol', email: 'carol@example.com', groups: ['team-b'], ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience((claims.aud as string | undefined) ?? clientId)
        .setIssuedAt(t)
        .setExpirationTime((claims.exp as number | undefined) ?? t + 300)
        .sign(signing);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
