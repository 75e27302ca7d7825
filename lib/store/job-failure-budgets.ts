/**
 * Each job's failure budget cap, set by admins: the largest share of executions its recommendations
 * may let fail. Every write and removal lands with its audit entry in one transaction.
 */
import type { Kysely } from 'kysely';
import { insertAudit } from './audit';
import type { Database, Store } from './schema';

export interface JobFailureBudgetsTable {
  project: string;
  region: string;
  job: string;
  max_failure_rate: number;
  updated_by: string;
  updated_at: number;
}

type BudgetTables = { job_failure_budgets: JobFailureBudgetsTable };

const budgetDb = (store: Store): Kysely<Database & BudgetTables> =>
  store.db.withTables<BudgetTables>();

export interface JobRef {
  readonly project: string;
  readonly region: string;
  readonly job: string;
}

export interface JobFailureBudget extends JobRef {
  /** 0–1: failed executions allowed, as a share of executions. */
  readonly maxFailureRate: number;
  readonly updatedBy: string;
  /** Epoch ms. */
  readonly updatedAt: number;
}

function budgetOf(row: JobFailureBudgetsTable): JobFailureBudget {
  return {
    project: row.project,
    region: row.region,
    job: row.job,
    maxFailureRate: Number(row.max_failure_rate),
    updatedBy: row.updated_by,
    updatedAt: Number(row.updated_at),
  };
}

const targetOf = (ref: JobRef) => `job:${ref.project}/${ref.region}/${ref.job}`;

export async function getJobFailureBudget(
  store: Store,
  ref: JobRef,
): Promise<JobFailureBudget | null> {
  const row = await budgetDb(store)
    .selectFrom('job_failure_budgets')
    .selectAll()
    .where('project', '=', ref.project)
    .where('region', '=', ref.region)
    .where('job', '=', ref.job)
    .executeTakeFirst();
  return row ? budgetOf(row) : null;
}

export async function listJobFailureBudgets(store: Store): Promise<JobFailureBudget[]> {
  const rows = await budgetDb(store)
    .selectFrom('job_failure_budgets')
    .selectAll()
    .orderBy('region')
    .orderBy('job')
    .execute();
  return rows.map(budgetOf);
}

/** Sets the job's cap (a share in (0, 1), checked by the caller), or removes it with null. */
export async function putJobFailureBudget(
  store: Store,
  ref: JobRef,
  maxFailureRate: number | null,
  actor: string,
): Promise<JobFailureBudget | null> {
  const at = store.now();
  const updatedBy = actor.trim().toLowerCase();
  return store.db.transaction().execute(async (audited) => {
    const trx = audited.withTables<BudgetTables>();
    const before = await trx
      .selectFrom('job_failure_budgets')
      .select('max_failure_rate')
      .where('project', '=', ref.project)
      .where('region', '=', ref.region)
      .where('job', '=', ref.job)
      .executeTakeFirst();
    const previous = before ? Number(before.max_failure_rate) : null;
    if (maxFailureRate === null) {
      await trx
        .deleteFrom('job_failure_budgets')
        .where('project', '=', ref.project)
        .where('region', '=', ref.region)
        .where('job', '=', ref.job)
        .execute();
    } else {
      const row = { max_failure_rate: maxFailureRate, updated_by: updatedBy, updated_at: at };
      await trx
        .insertInto('job_failure_budgets')
        .values({ ...ref, ...row })
        .onConflict((oc) => oc.columns(['project', 'region', 'job']).doUpdateSet(row))
        .execute();
    }
    await insertAudit(audited, at, {
      actor,
      action: 'job-failure-budget.updated',
      target: targetOf(ref),
      details: { from: previous, to: maxFailureRate },
    });
    return maxFailureRate === null ? null : { ...ref, maxFailureRate, updatedBy, updatedAt: at };
  });
}
