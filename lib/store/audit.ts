import type { Selectable } from 'kysely';
import { jsonObject, parseJsonColumn, toJsonText, type JsonObject } from './json';
import type { AuditLogTable, Executor, Store } from './schema';

export interface AuditEntry {
  readonly id: number;
  /** Epoch ms. */
  readonly at: number;
  /** Email of who did it, or `system`. */
  readonly actor: string;
  /** What happened, e.g. `role.granted`, `setting.updated`, `change.approved`. */
  readonly action: string;
  /** What it happened to, e.g. `user:ana@example.com`, `setting:price-book`, `change:ID`. */
  readonly target: string;
  readonly details: JsonObject;
}

export type NewAuditEntry = Pick<AuditEntry, 'actor' | 'action' | 'target'> & {
  readonly details?: JsonObject;
};

export interface AuditQuery {
  readonly target?: string;
  readonly actor?: string;
  /** Newest first; at most 1000. */
  readonly limit: number;
  /** Only entries older than this entry id: pass the last id of a page to get the next one. */
  readonly before?: number;
}

export const MAX_AUDIT_PAGE = 1000;

/**
 * Appends one entry. There is deliberately no update or delete here, and the database refuses both.
 * Repositories call `insertAudit` inside their own transaction so the change and its entry land together.
 */
export async function appendAudit(store: Store, entry: NewAuditEntry): Promise<AuditEntry> {
  return insertAudit(store.db, store.now(), entry);
}

export async function insertAudit(
  executor: Executor,
  at: number,
  entry: NewAuditEntry,
): Promise<AuditEntry> {
  const row = await executor
    .insertInto('audit_log')
    .values({
      at,
      actor: entry.actor.trim().toLowerCase(),
      action: entry.action,
      target: entry.target,
      details: toJsonText(entry.details ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAuditEntry(row);
}

export async function listAudit(store: Store, query: AuditQuery): Promise<AuditEntry[]> {
  const limit = Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.floor(query.limit)));
  let select = store.db.selectFrom('audit_log').selectAll();
  if (query.target !== undefined) select = select.where('target', '=', query.target);
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor.toLowerCase());
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  const rows = await select.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toAuditEntry);
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(row.id),
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: parseJsonColumn(jsonObject, row.details, {
      table: 'audit_log',
      rowKey: `entry ${row.id}`,
      column: 'details',
    }),
  };
}
