/**
 * Security headers for every response, set by the edge before Next answers (so its own
 * redirects and error pages carry them too). The dashboard renders cluster text as text;
 * the CSP is the second line of defence should that ever fail.
 */
export function securityHeaders(): [string, string][] {
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
  ];
}

/**
 * The Content-Security-Policy of one response. Scripts run only with this response's nonce
 * (Next puts it on every script it renders, reading it from the request's CSP header, which the
 * edge sets) or loaded by one that has it ('strict-dynamic'): no inline script without it, no
 * `unsafe-inline` for scripts. `unsafe-eval` only in development (React's dev tools need it).
 * `formTargets`: origins a form of this site may end at (the OpenID provider, where sign-out goes).
 */
export function contentSecurityPolicy(nonce: string, dev: boolean, formTargets: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For what the edge answers itself (refusals, /metrics): no content to run at all. */
export const PLAIN_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The request's script nonce, from the CSP the edge set on it (what Next reads too). */
export function nonceOf(requestCsp: string | null | undefined): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(requestCsp ?? '')?.[1];
}
