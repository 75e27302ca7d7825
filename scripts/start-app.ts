import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { STANDALONE_SERVER } from './build-if-needed';

/**
 * Starts the built app — the same standalone server the container runs — on 127.0.0.1. The
 * server changes into its own folder, so a relative SQLite path is made absolute first.
 */
export function startApp(options: {
  port: number;
  env: Record<string, string | undefined>;
  stdout?: 'pipe' | 'ignore' | 'inherit';
}): ChildProcess {
  const databaseUrl =
    options.env.DATABASE_URL ?? process.env.DATABASE_URL ?? 'file:./data/tierwise.db';
  const absoluteDatabaseUrl = databaseUrl.startsWith('file:')
    ? `file:${path.resolve(databaseUrl.slice('file:'.length))}`
    : databaseUrl;
  return spawn(process.execPath, [path.resolve(STANDALONE_SERVER)], {
    stdio: ['ignore', options.stdout ?? 'pipe', 'inherit'],
    env: {
      ...process.env,
      ...options.env,
      DATABASE_URL: absoluteDatabaseUrl,
      PORT: String(options.port),
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
    },
  });
}
