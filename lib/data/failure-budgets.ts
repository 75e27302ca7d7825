/**
 * The failure budget cap per job: admins set the largest share of a job's executions its
 * recommendations may let fail (default `DEFAULT_MAX_FAILURE_RATE`, 0.5 %); the report passes it to
 * every tier's recommendation as `maxFailureRate`. Stored and audited by lib/store/job-failure-budgets.
 */
import { DEFAULT_MAX_FAILURE_RATE } from '@/lib/domain/recommend/budget';
import { fieldErrorsOf, ServiceError } from '@/lib/service/errors';
import type { Store } from '@/lib/store';
import {
  getJobFailureBudget,
  putJobFailureBudget,
  type JobFailureBudget,
  type JobRef,
} from '@/lib/store/job-failure-budgets';

export { DEFAULT_MAX_FAILURE_RATE };

/** The cap an admin may set, as a share: from 0.01 % to 20 % of executions. */
export const MIN_MAX_FAILURE_RATE = 0.0001;
export const MAX_MAX_FAILURE_RATE = 0.2;

/** Cloud Run job names: lowercase letters, digits and hyphens, a letter first, at most 63. */
const JOB_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type FailureBudgetInput = { readonly job: string; readonly maxFailureRate: number | null };

/**
 * Reads `{ job, maxFailurePercent }` as the form sends it: a percentage such as "0.5" or "0.5%";
 * empty returns the job to the default. Field errors name `job` and `maxFailurePercent`.
 */
export function parseFailureBudgetInput(raw: {
  readonly job?: unknown;
  readonly maxFailurePercent?: unknown;
}): { ok: true; value: FailureBudgetInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const job = typeof raw.job === 'string' ? raw.job.trim() : '';
  if (!JOB_NAME.test(job))
    errors.job =
      'Give the Cloud Run job’s name: lowercase letters, digits and hyphens, starting with a letter, at most 63 characters.';
  const text =
    typeof raw.maxFailurePercent === 'string' ? raw.maxFailurePercent.trim().replace(/%$/, '') : '';
  let maxFailureRate: number | null = null;
  if (text !== '') {
    const percent = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : NaN;
    const rate = percent / 100;
    if (!(rate >= MIN_MAX_FAILURE_RATE && rate <= MAX_MAX_FAILURE_RATE))
      errors.maxFailurePercent = `Give a percentage of executions from ${MIN_MAX_FAILURE_RATE * 100} to ${MAX_MAX_FAILURE_RATE * 100}, such as 0.5; leave it empty for the default (${DEFAULT_MAX_FAILURE_RATE * 100} %).`;
    else maxFailureRate = rate;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { job, maxFailureRate } };
}

/**
 * Sets (or, with an empty value, removes) the job's cap. `jobExists` answers whether the job is
 * there, so a cap is never stored for a job that does not exist.
 */
export async function saveJobFailureBudget(
  store: Store,
  place: { readonly project: string; readonly region: string },
  raw: { readonly job?: unknown; readonly maxFailurePercent?: unknown },
  actor: string,
  jobExists: (job: string) => Promise<boolean>,
): Promise<JobFailureBudget | null> {
  const parsed = parseFailureBudgetInput(raw);
  if (!parsed.ok)
    throw new ServiceError(400, 'Some fields need fixing; nothing was saved.', {
      fieldErrors: fieldErrorsOf(parsed.errors),
    });
  const { job, maxFailureRate } = parsed.value;
  if (!(await jobExists(job)))
    throw new ServiceError(404, `There is no Cloud Run job called "${job}" in ${place.region}.`, {
      fieldErrors: fieldErrorsOf({ job: `There is no Cloud Run job called "${job}".` }),
    });
  return putJobFailureBudget(store, { ...place, job }, maxFailureRate, actor);
}

/** The job's cap, or the default when none is set. */
export async function maxFailureRateOf(store: Store, ref: JobRef): Promise<number> {
  return (await getJobFailureBudget(store, ref))?.maxFailureRate ?? DEFAULT_MAX_FAILURE_RATE;
}
