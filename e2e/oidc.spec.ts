import { generateKeyPairSync } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { SignJWT } from 'jose';
import { join, resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { freePort, waitForOutput } from '../scripts/proc';
import { startProvider, type TestProvider } from '../test/support/oidc';
import { screenshot } from './helpers';

/**
 * ORDINAL_AUTH=oidc against a real OpenID provider (oidc-provider, test/support/oidc.ts), in
 * Chromium, with the standalone server the image runs: sign in through the provider's pages
 * (code flow with PKCE), the session refreshed when the ID token expires, sign out through the
 * provider; a tampered cookie, a token for another audience and an expired token are refused.
 */
const ROOT = resolve(import.meta.dirname, '..');
const ID_TOKEN_TTL_S = 6;
let server: ChildProcess | undefined;
let provider: TestProvider | undefined;
let dash = '';

test.beforeAll(async () => {
  const [port, idpPort] = [await freePort(), await freePort()];
  dash = `http://127.0.0.1:${port}`;
  provider = await startProvider({ port: idpPort, dashboard: dash, idTokenTtlS: ID_TOKEN_TTL_S });
  server = spawn(
    process.execPath,
    [join(ROOT, '.next/standalone/ordinal.mjs'), '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: join(ROOT, '.next/standalone'),
      env: {
        ...process.env,
        KUBECONFIG: process.env.ORDINAL_E2E_KUBECONFIG,
        ORDINAL_AUTH: 'oidc',
        ORDINAL_OIDC_ISSUER: provider.issuer,
        ORDINAL_OIDC_CLIENT_ID: provider.clientId,
        ORDINAL_OIDC_CLIENT_SECRET: provider.clientSecret,
        ORDINAL_HISTORY: 'off',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForOutput(server, /Ready in/, 'standalone server', 60_000);
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await provider?.stop();
});

/** The provider's development pages: any name signs in; then consent to the scopes. */
async function signInAs(page: Page, user: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${provider?.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').first().click();
  const consent = page.locator('button[autofocus], button[type="submit"]').first();
  if (!page.url().startsWith(dash)) {
    await expect(consent).toBeVisible();
    await consent.click();
  }
  await page.waitForURL((u) => u.href.startsWith(dash));
}

/** A token like the issuer's in every claim, but signed with a key the issuer never published. */
async function foreignToken(p: TestProvider): Promise<string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const t = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'mallory' })
    .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
    .setIssuer(p.issuer)
    .setAudience(p.clientId)
    .setIssuedAt(t)
    .setExpirationTime(t + 300)
    .sign(privateKey);
}

async function blockFonts(context: BrowserContext): Promise<void> {
  // The provider's pages ask for web fonts; this machine has no outside network.
  await context.route(/fonts\.googleapis\.com|fonts\.gstatic\.com/, (r) => r.abort());
}

async function session(context: BrowserContext) {
  return (await context.cookies(dash)).find((c) => c.name === 'ordinal_session');
}

test('sign in through the provider, stay signed in past the ID token expiry, sign out through it', async ({
  browser,
}, info) => {
  const context = await browser.newContext();
  await blockFonts(context);
  const page = await context.newPage();
  await page.goto(`${dash}/statefulsets?namespace=messaging`);
  await signInAs(page, 'alice');
  await expect(page).toHaveURL(`${dash}/statefulsets?namespace=messaging`);
  await expect(page.locator('header .signed-in')).toContainText('Signed in as alice');
  await expect(page.getByRole('link', { name: 'kafka' }).first()).toBeVisible({ timeout: 20_000 });
  const cookie = await session(context);
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  expect(cookie?.value).not.toContain('alice');
  await screenshot(page, info, 'oidc-signed-in');

  // Past the ID token's life the session is refreshed with the refresh token: a new cookie, still alice.
  const first = cookie?.value;
  await expect
    .poll(
      async () => {
        const r = await page.request.get(`${dash}/api/v1/whoami`);
        return r.status() === 200 && (await session(context))?.value !== first
          ? ((await r.json()) as { user: string }).user
          : '';
      },
      { timeout: (ID_TOKEN_TTL_S + 20) * 1000, intervals: [250] },
    )
    .toBe('alice');
  // The page's stream, ended with the old token's life, came back on the refreshed session.
  await expect(page.locator('[data-connection="live"]')).toBeVisible({ timeout: 20_000 });

  await page.locator('header .signed-in').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider?.issuer}/`));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(`${dash}/auth/signed-out`);
  await expect(page.locator('h1')).toHaveText('Signed out');
  expect(await session(context)).toBeUndefined();
  const api = await page.request.get(`${dash}/api/v1/topology`);
  expect(api.status()).toBe(401);
  await page.goto(`${dash}/topology`);
  await expect(page).toHaveURL(new RegExp(`^${provider?.issuer}/interaction/`));
  await context.close();
});

test('sign-out is a POST from this site that revokes the refresh token; a GET or another site signs no one out', async ({
  browser,
}) => {
  const context = await browser.newContext();
  await blockFonts(context);
  const page = await context.newPage();
  await page.goto(`${dash}/`);
  await signInAs(page, 'dora');
  await expect(page.locator('header .signed-in')).toContainText('Signed in as dora');
  const kept = await session(context);
  expect(kept).toBeDefined();
  // A GET (a link, an image from anywhere) only shows the button; a POST from another site is refused.
  const get = await page.request.get(`${dash}/auth/logout`);
  expect(get.status()).toBe(200);
  expect(await get.text()).toContain('<form method="post"');
  const cross = await page.request.post(`${dash}/auth/logout`, {
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    maxRedirects: 0,
  });
  expect(cross.status()).toBe(403);
  expect((await page.request.get(`${dash}/api/v1/whoami`)).status()).toBe(200);
  // From this site: signed out, and the refresh token revoked at the issuer.
  const out = await page.request.post(`${dash}/auth/logout`, { headers: { origin: dash }, maxRedirects: 0 });
  expect(out.status()).toBe(303);
  expect(out.headers()['location']).toMatch(new RegExp(`^${provider?.issuer}/`));
  // The old cookie, stolen before the sign-out, is not refreshed once its ID token expires.
  await context.addCookies([kept!]);
  await expect
    .poll(async () => (await page.request.get(`${dash}/api/v1/whoami`)).status(), {
      timeout: (ID_TOKEN_TTL_S + 20) * 1000,
      intervals: [500],
    })
    .toBe(401);
  await context.close();
});

test('after signing in, a return path with control characters or another origin goes to the dashboard, not away', async ({
  browser,
}) => {
  for (const next of [
    '/\t/evil.example/x',
    '/\n/evil.example/x',
    '/\r/evil.example/x',
    '//evil.example/x',
    '/\\evil.example/x',
  ]) {
    const context = await browser.newContext();
    await blockFonts(context);
    const page = await context.newPage();
    await page.goto(`${dash}/auth/login?next=${encodeURIComponent(next)}`);
    await signInAs(page, 'erin');
    await expect(page, JSON.stringify(next)).toHaveURL(`${dash}/`);
    await context.close();
  }
  // The same with %09 as a browser would send it written literally in the query.
  const context = await browser.newContext();
  await blockFonts(context);
  const page = await context.newPage();
  await page.goto(`${dash}/auth/login?next=/%09/evil.example/x`);
  await signInAs(page, 'erin');
  await expect(page).toHaveURL(`${dash}/`);
  await context.close();
});

test('a tampered session cookie is refused: the page asks to sign in again, the API answers 401', async ({
  browser,
}) => {
  const context = await browser.newContext();
  await blockFonts(context);
  const page = await context.newPage();
  await page.goto(`${dash}/`);
  await signInAs(page, 'bob');
  await expect(page.locator('header .signed-in')).toContainText('Signed in as bob');
  const good = await session(context);
  expect(good).toBeDefined();
  const parts = good!.value.split('.');
  // Flip one character of the ciphertext: the seal must not open.
  parts[3] = `${parts[3][0] === 'A' ? 'B' : 'A'}${parts[3].slice(1)}`;
  await context.addCookies([{ ...good!, value: parts.join('.') }]);
  const api = await page.request.get(`${dash}/api/v1/topology`);
  expect(api.status()).toBe(401);
  expect(JSON.stringify(await api.json())).not.toContain('kafka');
  await page.goto(`${dash}/statefulsets`);
  await expect(page).toHaveURL(new RegExp(`^${provider?.issuer}/`));
  await context.close();
});

test('bearer ID tokens: the issuer’s own for Ordinal pass; another audience, expired or foreign-signed are 401', async () => {
  const p = provider!;
  const whoami = (token: string) => fetch(`${dash}/api/v1/whoami`, { headers: { Authorization: `Bearer ${token}` } });
  const ok = await whoami(await p.mint({}));
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { user: string }).user).toBe('carol');
  // The apiserver's own groups are not an ID token's to give.
  const masters = await whoami(await p.mint({ groups: ['system:masters', 'team-b'] }));
  expect(((await masters.json()) as { groups: string[] }).groups).toEqual(['team-b']);
  const now = Math.floor(Date.now() / 1000);
  for (const [what, token] of [
    ['another audience', await p.mint({ aud: 'other' })],
    ['expired', await p.mint({ exp: now - 60 })],
    ['a system identity', await p.mint({ sub: 'system:admin' })],
    ['signed by another key', await foreignToken(p)],
    ['not a token', 'abc.def.ghi'],
  ] as const) {
    const r = await fetch(`${dash}/api/v1/topology`, { headers: { Authorization: `Bearer ${token}` } });
    expect(r.status, what).toBeGreaterThanOrEqual(401);
    expect(r.status, what).toBeLessThan(404);
    expect(await r.text(), what).not.toContain('kafka');
  }
  // A stream lasts no longer than the token it was opened with: the edge ends it at the token's expiry.
  const exp = Math.floor(Date.now() / 1000) + 4;
  const opened = Date.now();
  const stream = await fetch(`${dash}/api/v1/stream?view=summary`, {
    headers: { Authorization: `Bearer ${await p.mint({ exp })}` },
  });
  expect(stream.status).toBe(200);
  const reader = stream.body!.getReader();
  const ended = (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // destroyed mid-stream: ended all the same
    }
    return Date.now();
  })();
  const at = await Promise.race([ended, new Promise<number>((r) => setTimeout(() => r(0), 20_000))]);
  expect(at, 'the stream was ended').toBeGreaterThan(0);
  expect(at).toBeGreaterThanOrEqual(exp * 1000 - 1000);
  expect(at - opened).toBeLessThan(15_000);
  expect(
    (
      await fetch(`${dash}/api/v1/stream?view=summary`, {
        headers: { Authorization: `Bearer ${await p.mint({ exp: Math.floor(Date.now() / 1000) - 1 })}` },
      })
    ).status,
  ).toBe(401);
  // Without any sign-in: pages go to the provider, the API and streams are 401.
  expect((await fetch(`${dash}/api/v1/stream`)).status).toBe(401);
  const page = await fetch(`${dash}/topology`, { redirect: 'manual' });
  expect(page.status).toBe(302);
  expect(page.headers.get('location')).toBe('/auth/login?next=%2Ftopology');
  const login = await fetch(`${dash}/auth/login?next=%2Ftopology`, { redirect: 'manual' });
  const to = new URL(login.headers.get('location') ?? '');
  expect(to.origin).toBe(p.issuer);
  expect(to.searchParams.get('code_challenge_method')).toBe('S256');
  expect(to.searchParams.get('redirect_uri')).toBe(`${dash}/auth/callback`);
  // A callback that was not started here (no sign-in cookie) is refused, never a 500.
  expect((await fetch(`${dash}/auth/callback?code=x&state=y`)).status).toBe(401);
});
