import type { Generated, Kysely, Transaction } from 'kysely';

/**
 * Table shapes as stored: snake_case columns, times as epoch milliseconds (BIGINT on PostgreSQL,
 * INTEGER on SQLite), JSON as TEXT on both so a row reads back the same whichever dialect wrote it.
 */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string;
  details: string;
}

export interface UsersTable {
  email: string;
  role: string;
  granted_by: string;
  granted_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updated_by: string;
  updated_at: number;
}

export interface ChangeRequestsTable {
  id: string;
  project: string;
  region: string;
  job: string;
  tier: string;
  limits_before: string;
  limits_after: string;
  etag_at_proposal: string;
  generation_at_proposal: number;
  reason: string;
  evidence: string;
  requester: string;
  created_at: number;
  state: string;
  decided_by: string | null;
  decided_at: number | null;
  decision_comment: string | null;
  applied_at: number | null;
  failure_reason: string | null;
  updated_at: number;
  version: number;
  /** JSON: the plan of a change that creates jobs (see SplitPlan); null for a limit change. */
  plan: string | null;
}

export interface Database {
  audit_log: AuditLogTable;
  users: UsersTable;
  settings: SettingsTable;
  change_requests: ChangeRequestsTable;
}

export type StoreDialect = 'sqlite' | 'postgres';

/** What every repository takes: the database, which dialect it is, and the clock for timestamps. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Epoch milliseconds; injectable so tests can pin time. */
  readonly now: () => number;
  close(): Promise<void>;
}

/** Either the store's database or an open transaction on it. */
export type Executor = Kysely<Database> | Transaction<Database>;
