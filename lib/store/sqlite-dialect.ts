import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/** A FIFO lock for async work; `lock()` resolves to the function that releases it. */
class AsyncLock {
  #tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    await previous;
    return release;
  }
}

// better-sqlite3 waits for a busy file synchronously, so two stores on one file in one process
// would stall each other's event loop; a lock per file keeps them taking turns instead.
const fileLocks = new Map<string, AsyncLock>();

function lockFor(file: string): AsyncLock {
  let lock = fileLocks.get(file);
  if (!lock) {
    lock = new AsyncLock();
    fileLocks.set(file, lock);
  }
  return lock;
}

class FileLockedDriver extends SqliteDriver {
  #release: (() => void) | undefined;

  constructor(
    config: SqliteDialectConfig,
    private readonly fileLock: AsyncLock,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.fileLock.lock();
    try {
      const connection = await super.acquireConnection();
      this.#release = release;
      return connection;
    } catch (error) {
      release();
      throw error;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  // IMMEDIATE takes the write lock up front, so another process waits its turn (busy timeout)
  // instead of failing when a read-then-write transaction tries to upgrade.
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

// SQLite does run DDL inside transactions; saying so makes Kysely's migrator wrap each run in one,
// which (with BEGIN IMMEDIATE) is what serialises two processes migrating the same file.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class FileLockedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly lockConfig: SqliteDialectConfig,
    private readonly file: string,
  ) {
    super(lockConfig);
  }

  override createDriver(): Driver {
    return new FileLockedDriver(this.lockConfig, lockFor(this.file));
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
