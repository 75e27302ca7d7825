import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/auth/security-headers';

const nextConfig: NextConfig = {
  // One build serves both `npm run demo` and the container: .next/standalone holds a minimal
  // server.js with only the node_modules it traces (see Dockerfile).
  output: 'standalone',
  // The clients load their bundled protos.json (traced); google-gax resolves .proto files from
  // these folders only when a client loads .proto sources, which tracing cannot see.
  outputFileTracingIncludes: {
    '/*': [
      './node_modules/google-gax/build/protos/**/*.proto',
      './node_modules/@google-cloud/{run,monitoring}/build/protos/**/*.proto',
    ],
  },
  // Google's clients load .proto/.json files from their own package folders at run time,
  // so they must stay plain Node modules rather than be bundled.
  serverExternalPackages: [
    '@google-cloud/run',
    '@google-cloud/monitoring',
    'google-gax',
    '@grpc/grpc-js',
    '@grpc/proto-loader',
    'better-sqlite3',
    'pg',
  ],
  poweredByHeader: false,
  experimental: {
    // Server actions keep Next's Origin/Host check. Next answers a body over this limit with 500,
    // so it matches the proxy's 1 MiB cap (413 there) and an over-long field gets its field error.
    serverActions: { bodySizeLimit: '1mb' },
    // The proxy buffers at most this much of a request body (larger mutations get 413 there).
    proxyClientMaxBodySize: '1mb',
    // forbidden() / unauthorized() render app/forbidden.tsx and app/unauthorized.tsx with 403/401.
    authInterrupts: true,
  },
  // A shared report's exports live beside its page: /r/ID.csv and /r/ID.md.
  async rewrites() {
    return {
      beforeFiles: [
        { source: '/r/:id([A-Za-z0-9_-]{22}).csv', destination: '/r/:id/csv' },
        { source: '/r/:id([A-Za-z0-9_-]{22}).md', destination: '/r/:id/md' },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  // The per-request Content-Security-Policy (it carries a nonce) is set by proxy.ts.
  async headers() {
    return [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
