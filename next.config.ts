import type { NextConfig } from 'next';
import { securityHeaders } from './server/edge/headers';

/**
 * The edge server (server/edge/serve.ts, `npm start`) sets the security headers on every response before Next
 * answers; they are set here too, so that `next start` run by hand still sends them — all but the CSP, whose
 * script nonce is made per request by the edge (a static one here would replace it): `npm start` is the server.
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  output: 'standalone',
  poweredByHeader: false,
  // The edge compresses (fastest level, zlib's thread pool): Next's own compression runs at
  // the default level, and a 40 MB cluster-wide snapshot took it about a second per request.
  compress: false,
  // client-node (undici, ws, openid-client) runs as a Node package, not bundled.
  serverExternalPackages: ['@kubernetes/client-node'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders().map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
