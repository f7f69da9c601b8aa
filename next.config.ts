import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import createNextIntlPlugin from 'next-intl/plugin';
import { ASSET_PLACEHOLDER, basePath } from './server/settings/basepath';
import { securityHeaders } from './server/edge/headers';

/**
 * The edge server (server/edge/serve.ts, `npm start`) sets the security headers on every response before Next
 * answers; they are set here too, so that `next start` run by hand still sends them — all but the CSP, whose
 * script nonce is made per request by the edge (a static one here would replace it): `npm start` is the server.
 *
 * Assets: a build names them under ASSET_PLACEHOLDER, which the edge replaces with ORDINAL_BASE_PATH (or
 * nothing) as it serves them, so one build serves any prefix (server/settings/basepath.ts). `npm run dev` compiles
 * as it serves and takes the prefix itself.
 *
 * Languages: next-intl reads each request's locale and catalog from server/i18n/request.ts (no locale routing).
 */
const withIntl = createNextIntlPlugin('./server/i18n/request.ts');

export default function config(phase: string): NextConfig {
  return withIntl({
    reactStrictMode: true,
    output: 'standalone',
    poweredByHeader: false,
    assetPrefix:
      phase === PHASE_DEVELOPMENT_SERVER
        ? basePath(process.env.ORDINAL_BASE_PATH, 'ORDINAL_BASE_PATH') || undefined
        : ASSET_PLACEHOLDER,
    // The edge compresses (fastest level, zlib's thread pool): Next's own compression runs at
    // the default level, and a 40 MB cluster-wide snapshot took it about a second per request.
    compress: false,
    // client-node (undici, ws, openid-client) runs as a Node package, not bundled.
    serverExternalPackages: ['@kubernetes/client-node', 'pg'],
    // The process's state (the fingerprint key, which seals sessions too, and the history) is the
    // running server's, never the build's: nothing under .ordinal is traced into the output.
    outputFileTracingExcludes: { '*': ['.ordinal/**', '**/.ordinal/**'] },
    async headers() {
      return [{ source: '/:path*', headers: securityHeaders().map(([key, value]) => ({ key, value })) }];
    },
  });
}
