/** The audit log as the audit page and its CSV export read it: filtered, with each change's job. */
import { csvCell } from '@/lib/domain/report';
import {
  getChangeRequest,
  MAX_AUDIT_PAGE,
  type AuditEntry,
  type ChangeRequest,
  type JsonObject,
  type Store,
} from '@/lib/store';
import { describeLimits } from '@/lib/changes/job-limits';

export interface AuditFilter {
  readonly actor?: string;
  /** Exact action, e.g. `change.approved`, or a prefix ending in a dot, e.g. `change.`. */
  readonly action?: string;
  readonly job?: string;
  readonly change?: string;
  /** Only entries older than this id: the last id of a page, for the next one. */
  readonly before?: number;
  readonly limit?: number;
}

export interface AuditRow {
  readonly entry: AuditEntry;
  /** The change the entry is about, when it is about one. */
  readonly change: Pick<
    ChangeRequest,
    'id' | 'job' | 'tier' | 'limitsBefore' | 'limitsAfter' | 'plan'
  > | null;
}

/** What a change proposes, in words: the new limits, or each tier's new job for a split. */
export function proposedText(change: NonNullable<AuditRow['change']>): string {
  if (!change.plan) return describeLimits(change.limitsAfter);
  return `split: ${change.plan.tiers
    .map((tier) => `${tier.tier} → ${tier.jobName} (${describeLimits(tier.limits)})`)
    .join('; ')}`;
}

function parseDetails(text: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
  } catch {
    return { unreadable: text };
  }
}

async function targetsOfJob(store: Store, job: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom('change_requests')
    .select('id')
    .where('job', '=', job)
    .execute();
  return [`job:${job}`, ...rows.map((row) => `change:${row.id}`)];
}

/** Newest first, at most 1000 a page. */
export async function listAuditLog(store: Store, filter: AuditFilter = {}): Promise<AuditRow[]> {
  const limit = Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.floor(filter.limit ?? 200)));
  let select = store.db.selectFrom('audit_log').selectAll();
  if (filter.actor) select = select.where('actor', '=', filter.actor.trim().toLowerCase());
  if (filter.action?.endsWith('.')) select = select.where('action', 'like', `${filter.action}%`);
  else if (filter.action) select = select.where('action', '=', filter.action);
  if (filter.change) select = select.where('target', '=', `change:${filter.change}`);
  if (filter.job) select = select.where('target', 'in', await targetsOfJob(store, filter.job));
  if (filter.before !== undefined) select = select.where('id', '<', filter.before);
  const rows = await select.orderBy('id', 'desc').limit(limit).execute();
  const changes = new Map<string, AuditRow['change']>();
  for (const row of rows) {
    const id = row.target.startsWith('change:') ? row.target.slice('change:'.length) : null;
    if (id === null || changes.has(id)) continue;
    changes.set(id, await getChangeRequest(store, id).catch(() => null));
  }
  return rows.map((row) => {
    const entry: AuditEntry = {
      id: Number(row.id),
      at: Number(row.at),
      actor: row.actor,
      action: row.action,
      target: row.target,
      details: parseDetails(row.details),
    };
    const id = row.target.startsWith('change:') ? row.target.slice('change:'.length) : null;
    return { entry, change: id === null ? null : (changes.get(id) ?? null) };
  });
}

/** The words a person wrote or Cloud Run answered with, shown in their own column. */
export function noteOf(details: JsonObject): string {
  for (const key of ['decisionComment', 'failureReason', 'note', 'result', 'operation']) {
    const value = details[key];
    if (typeof value === 'string') return value;
  }
  return '';
}

const CSV_HEADER = [
  'id',
  'time_utc',
  'actor',
  'action',
  'target',
  'job',
  'tier',
  'limits_before',
  'limits_after',
  'note',
  'details',
];

/** CSV for spreadsheets; cells that would run as formulas are defused by `csvCell`. */
export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const { entry, change } of rows) {
    lines.push(
      [
        entry.id,
        new Date(entry.at).toISOString(),
        entry.actor,
        entry.action,
        entry.target,
        change?.job ?? (typeof entry.details.job === 'string' ? entry.details.job : null),
        change?.tier ?? null,
        change ? describeLimits(change.limitsBefore) : null,
        change ? proposedText(change) : null,
        noteOf(entry.details),
        JSON.stringify(entry.details),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
