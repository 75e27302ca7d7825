import path from 'node:path';
import { StoreConfigError } from './errors';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly display: string };

export const DEFAULT_DATABASE_URL = 'file:./data/tierwise.db';

/** Reads DATABASE_URL; relative SQLite paths resolve against `cwd` (the app's working folder). */
export function parseDatabaseUrl(databaseUrl: string, cwd = process.cwd()): DatabaseTarget {
  const url = databaseUrl.trim();
  if (url === '') throw new StoreConfigError('is empty');
  if (url.startsWith('file:')) return { dialect: 'sqlite', file: sqliteFile(url, cwd) };
  if (/^postgres(ql)?:\/\//i.test(url)) return postgresTarget(url);
  throw new StoreConfigError(`"${redact(url)}" is neither a file: nor a postgres:// URL`);
}

function sqliteFile(url: string, cwd: string): string {
  let file = url.slice('file:'.length);
  // file:///abs/path is the URL spelling of /abs/path.
  if (file.startsWith('//')) file = file.replace(/^\/\/[^/]*/, '');
  file = file.split('?')[0] ?? '';
  if (file === ':memory:') return file;
  if (file === '' || file.endsWith('/'))
    throw new StoreConfigError(`"${url}" names no database file`);
  return path.resolve(cwd, decodeURIComponent(file));
}

function postgresTarget(url: string): DatabaseTarget {
  // Cloud SQL's unix-socket form, postgres://USER:PASS@/DB?host=/cloudsql/PROJECT:REGION:INSTANCE,
  // has no host before the path, which WHATWG URL refuses; pg reads the socket folder from ?host=.
  const socketForm = /^postgres(ql)?:\/\/([^/@]*@)?\//i.test(url);
  let parsed: URL;
  try {
    parsed = new URL(
      socketForm ? url.replace(/^(postgres(ql)?:\/\/([^/@]*@)?)\//i, '$1socket/') : url,
    );
  } catch (error) {
    throw new StoreConfigError(`"${redact(url)}" is not a valid URL`, { cause: error });
  }
  const socketDir = parsed.searchParams.get('host') ?? '';
  if (socketForm ? !socketDir.startsWith('/') : parsed.hostname === '') {
    throw new StoreConfigError(
      `"${redact(url)}" names no host${socketForm ? ' (add ?host=/cloudsql/PROJECT:REGION:INSTANCE)' : ''}`,
    );
  }
  if (parsed.pathname.length <= 1) {
    throw new StoreConfigError(`"${redact(url)}" names no database (add /DB after the host)`);
  }
  return { dialect: 'postgres', connectionString: url, display: redact(url) };
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
