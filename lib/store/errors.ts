const ACCEPTED_URLS =
  'file:./data/tierwise.db (SQLite, the default), file:/absolute/path.db, postgres://USER:PASSWORD@HOST:5432/DB, or for Cloud SQL postgres://USER:PASSWORD@/DB?host=/cloudsql/PROJECT:REGION:INSTANCE';

/** DATABASE_URL names no store Tierwise can open. */
export class StoreConfigError extends Error {
  constructor(detail: string, options?: ErrorOptions) {
    super(`DATABASE_URL ${detail}. Accepted forms: ${ACCEPTED_URLS}.`, options);
    this.name = 'StoreConfigError';
  }
}

/** The database was named correctly but could not be reached or brought up to date. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A stored value no longer matches its schema: someone edited the row by hand, or a bug wrote it. */
export class CorruptRowError extends Error {
  constructor(
    readonly table: string,
    readonly rowKey: string,
    readonly column: string,
    problem: string,
  ) {
    super(
      `Stored ${table}.${column} for ${rowKey} is unreadable (${problem}); fix or remove that row in the database.`,
    );
    this.name = 'CorruptRowError';
  }
}

/** A conditional write lost to a newer one: reload and try again. */
export class StaleWriteError extends Error {
  constructor(
    readonly key: string,
    readonly expectedVersion: number,
    readonly currentVersion: number | null,
  ) {
    super(
      currentVersion === null
        ? `Setting ${key} was expected at version ${expectedVersion} but does not exist; reload it and try again.`
        : `Setting ${key} changed meanwhile (version ${currentVersion}, expected ${expectedVersion}); reload it and try again.`,
    );
    this.name = 'StaleWriteError';
  }
}

export class ChangeRequestNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No change request ${id}; it may have been mistyped.`);
    this.name = 'ChangeRequestNotFoundError';
  }
}

/** The asked-for move is not part of the change request lifecycle at all. */
export class TransitionRefusedError extends Error {
  constructor(from: readonly string[], to: string, allowed: string) {
    super(`A change request cannot move from ${from.join(' or ')} to ${to}. ${allowed}`);
    this.name = 'TransitionRefusedError';
  }
}

/** Someone else moved the change request first; show them its current state. */
export class TransitionConflictError extends Error {
  constructor(
    readonly id: string,
    readonly currentState: string,
    readonly to: string,
  ) {
    super(
      `Change request ${id} is already ${currentState}, so it cannot become ${to}; someone acted on it first — reload it.`,
    );
    this.name = 'TransitionConflictError';
  }
}

export class InvalidEmailError extends Error {
  constructor(readonly email: string) {
    super(`"${email}" is not an email address; roles are granted to Google account emails.`);
    this.name = 'InvalidEmailError';
  }
}

/** Tierwise must keep someone who can grant roles. */
export class LastAdminError extends Error {
  constructor(readonly email: string) {
    super(`${email} is the last admin; grant admin to someone else first.`);
    this.name = 'LastAdminError';
  }
}

/** A write refused by a unique index: PostgreSQL's 23505 or SQLite's SQLITE_CONSTRAINT_UNIQUE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
