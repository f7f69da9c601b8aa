/**
 * Security headers for every response, set by the edge before Next answers (so its own
 * redirects and error pages carry them too). The dashboard renders cluster text as text;
 * the CSP is the second line of defence should that ever fail.
 */
export function securityHeaders(dev: boolean): [string, string][] {
  const csp = [
    "default-src 'self'",
    // Next's runtime injects inline bootstrap scripts; no remote script is ever allowed.
    "script-src 'self' 'unsafe-inline'" + (dev ? " 'unsafe-eval'" : ''),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return [
    ['Content-Security-Policy', csp],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
  ];
}
