import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
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
};

export default nextConfig;
