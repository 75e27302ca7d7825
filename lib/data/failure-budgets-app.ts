/** The app's per-job failure budget caps: the deployment's store, project and region. */
import { getStore } from '@/lib/store/instance';
import { listJobFailureBudgets, type JobFailureBudget } from '@/lib/store/job-failure-budgets';
import { projectLocation } from './clients';
import { saveJobFailureBudget } from './failure-budgets';
import { jobExists } from './report-view';

export type { JobFailureBudget };

/** Every job's cap set in this deployment's project and region. */
export async function appJobFailureBudgets(): Promise<JobFailureBudget[]> {
  const place = projectLocation();
  return (await listJobFailureBudgets(await getStore())).filter(
    (budget) => budget.project === place.project && budget.region === place.region,
  );
}

/** Sets or clears a job's cap from the settings form; the job must exist in Cloud Run. */
export async function saveAppJobFailureBudget(
  raw: { readonly job?: unknown; readonly maxFailurePercent?: unknown },
  actor: string,
): Promise<JobFailureBudget | null> {
  const place = projectLocation();
  return saveJobFailureBudget(await getStore(), place, raw, actor, (job) => jobExists(job));
}
