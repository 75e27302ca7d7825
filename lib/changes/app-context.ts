/** The change service as the running app uses it: the process's store and Google channels. */
import { appNow } from '@/lib/clock';
import { projectLocation, requestClients } from '@/lib/data/clients';
import { getJobReport } from '@/lib/data/report';
import { forgetJobReports } from '@/lib/data/report-view';
import { DEFAULT_PRICE_BOOK_ID, findPriceBook } from '@/lib/domain/pricing';
import type { JobReport } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import { getStore } from '@/lib/store/instance';
import type { ChangeContext } from '@/lib/changes/service-context';
import { evidenceFromReport } from './evidence';
import { approvedTierPolicy } from '@/lib/store/tier-policies';
import { maxFailureRateOf } from '@/lib/data/failure-budgets';

const EVIDENCE_WINDOW_DAYS = 30;

/** The approved tier policy (the built-in default until one is approved). */
export async function appTierPolicy(): Promise<TierPolicy> {
  return (await approvedTierPolicy(await getStore())).policy;
}

/** The 30-day report the evidence and the form's prefill are read from. */
export async function readJobReport(job: string, policy: TierPolicy): Promise<JobReport> {
  const priceBook = findPriceBook(DEFAULT_PRICE_BOOK_ID);
  if (!priceBook) throw new Error(`Price book ${DEFAULT_PRICE_BOOK_ID} is missing from the build.`);
  const maxFailureRate = await maxFailureRateOf(await getStore(), { ...projectLocation(), job });
  const { report } = await getJobReport({
    clients: requestClients(),
    ...projectLocation(),
    job,
    policy,
    priceBook,
    objective: 'balanced',
    maxFailureRate,
    days: EVIDENCE_WINDOW_DAYS,
    now: appNow(),
  });
  return report;
}

export async function appChangeContext(): Promise<ChangeContext> {
  const [store, tierPolicy] = await Promise.all([getStore(), appTierPolicy()]);
  return {
    store,
    clients: requestClients(),
    ...projectLocation(),
    tierPolicy,
    evidence: async (job, tier) =>
      evidenceFromReport(await readJobReport(job.name, tierPolicy), tier),
    onJobsChanged: forgetJobReports,
  };
}
