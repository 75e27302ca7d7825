import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, redact } from './database-url';
import { StoreConfigError } from './errors';
import { openStore } from './open';
import { createTestDatabase } from '@/test/support/databases';

// The local PostgreSQL's socket folder stands in for Cloud SQL's /cloudsql/PROJECT:REGION:INSTANCE.
const SOCKET_DIR = process.env.TIERWISE_TEST_POSTGRES_SOCKET_DIR ?? '/var/run/postgresql';

describe('parseDatabaseUrl', () => {
  it.each([
    ['file:./data/tierwise.db', '/srv/app/data/tierwise.db'],
    ['file:tierwise.db', '/srv/app/tierwise.db'],
    ['file:/var/lib/tierwise/store.db', '/var/lib/tierwise/store.db'],
    ['file:///var/lib/tierwise/store.db', '/var/lib/tierwise/store.db'],
    ['file:./my%20data/t.db', '/srv/app/my data/t.db'],
  ])('reads %s as the SQLite file %s', (url, file) => {
    expect(parseDatabaseUrl(url, '/srv/app')).toEqual({
      dialect: 'sqlite',
      file: path.normalize(file),
    });
  });

  it.each([
    'postgres://tw:secret@db.internal:5432/tierwise',
    'postgresql://db/tierwise?sslmode=require',
  ])('reads %s as PostgreSQL', (url) => {
    expect(parseDatabaseUrl(url)).toMatchObject({ dialect: 'postgres', connectionString: url });
  });

  it.each([
    'postgres://tierwise:s3cret@/tierwise?host=/cloudsql/acme-prod:us-central1:tierwise-db',
    'postgresql:///tierwise?host=/cloudsql/acme-prod:europe-west1:db&sslmode=disable',
  ])('reads the Cloud SQL unix-socket form %s as PostgreSQL', (url) => {
    expect(parseDatabaseUrl(url)).toMatchObject({ dialect: 'postgres', connectionString: url });
  });

  it('hides the password of a Cloud SQL socket URL in its display form', () => {
    const target = parseDatabaseUrl('postgres://tw:hunter2@/tierwise?host=/cloudsql/p:r:i');
    expect(target).toMatchObject({ display: 'postgres://tw:***@/tierwise?host=/cloudsql/p:r:i' });
  });

  it.each([
    ['', /is empty/],
    ['postgres://tw:pw@/tierwise', /names no host \(add \?host=\/cloudsql\//],
    ['postgres://tw:pw@/tierwise?host=cloudsql', /names no host/],
    ['postgres://tw:pw@/?host=/cloudsql/p:r:i', /names no database/],
    ['mysql://db/tierwise', /neither a file: nor a postgres:\/\/ URL/],
    ['./data/tierwise.db', /neither a file: nor a postgres/],
    ['file:', /names no database file/],
    ['file:./data/', /names no database file/],
    ['postgres://', /not a valid URL|names no host/],
    ['postgres://db.internal:5432', /names no database/],
    ['postgres://db.internal:5432/', /names no database/],
  ])(
    'refuses %j with a StoreConfigError naming DATABASE_URL and the accepted forms',
    (url, detail) => {
      const attempt = () => parseDatabaseUrl(url);
      expect(attempt).toThrow(StoreConfigError);
      expect(attempt).toThrow(detail);
      expect(attempt).toThrow(
        /^DATABASE_URL .*Accepted forms: file:.*postgres:\/\/USER:PASSWORD@HOST:5432\/DB/,
      );
    },
  );

  it('never repeats a password in its messages', () => {
    expect(() => parseDatabaseUrl('postgres://tw:hunter2@db.internal:5432')).toThrow(
      'postgres://tw:***@db.internal:5432',
    );
    expect(() => parseDatabaseUrl('postgres://tw:hunter2@db.internal:5432')).not.toThrow(/hunter2/);
    expect(redact('postgres://tw:p%40ss@db/x')).toBe('postgres://tw:***@db/x');
  });

  it('opens PostgreSQL through a unix socket written in the Cloud SQL form', async () => {
    const database = await createTestDatabase('postgres');
    const socketUrl = database.url.replace(/@[^/@]+\//, '@/') + `&host=${SOCKET_DIR}`;
    expect(socketUrl).toMatch(/^postgres:\/\/[^@]*@\/\w+\?/);
    const store = await openStore(socketUrl);
    try {
      await store.db
        .insertInto('users')
        .values({ email: 'ops@example.com', role: 'viewer', granted_by: 'test', granted_at: 0 })
        .execute();
      const rows = await store.db.selectFrom('users').select('email').execute();
      expect(rows).toEqual([{ email: 'ops@example.com' }]);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('makes openStore reject a bad URL before touching anything', async () => {
    await expect(openStore('mongodb://localhost/tierwise')).rejects.toBeInstanceOf(
      StoreConfigError,
    );
  });
});
