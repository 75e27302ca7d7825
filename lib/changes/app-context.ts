/** The change service as the running app uses it: the process's store and Google channels. */
import { appNow } from '@/lib/clock';
import { projectLocation, requestClients } from '@/lib/data/clients';
import { getJobReport } from '@/lib/data/report';
import { forgetJobReports } from '@/lib/data/report-view';
import { DEFAULT_PRICE_BOOK_ID, findPriceBook } from '@/lib/domain/pricing';
import type { JobReport } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import { getStore } from '@/lib/store/instance';
import type { ChangeContext, Place } from '@/lib/changes/service-context';
import { evidenceFromReport } from './evidence';
import { approvedTierPolicy } from '@/lib/store/tier-policies';
import { maxFailureRateOf } from '@/lib/data/failure-budgets';
import { readablePlace } from './app-places';

const EVIDENCE_WINDOW_DAYS = 30;

/** The approved tier policy (the built-in default until one is approved). */
export async function appTierPolicy(): Promise<TierPolicy> {
  return (await approvedTierPolicy(await getStore())).policy;
}

/** The 30-day report of the job at `place` (the default project and region when omitted). */
export async function readJobReport(
  job: string,
  policy: TierPolicy,
  place: Place = projectLocation(),
): Promise<JobReport> {
  const priceBook = findPriceBook(DEFAULT_PRICE_BOOK_ID);
  if (!priceBook) throw new Error(`Price book ${DEFAULT_PRICE_BOOK_ID} is missing from the build.`);
  const where = { project: place.project, region: place.region };
  const maxFailureRate = await maxFailureRateOf(await getStore(), { ...where, job });
  const { report } = await getJobReport({
    clients: requestClients(),
    ...where,
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

/**
 * The change service acting on `place` (the settings' default project and region when omitted).
 * A place Tierwise is not configured to read is refused with the field named (`project` or
 * `region`); a stored change reaches its own place through `at`.
 */
export async function appChangeContext(place?: Place): Promise<ChangeContext> {
  const clients = requestClients();
  const where = await readablePlace(clients, place);
  const [store, tierPolicy] = await Promise.all([getStore(), appTierPolicy()]);
  // Each other place is checked and built once per context, however many changes are there.
  const reached = new Map<string, Promise<ChangeContext>>();
  const at = (other: Place) => {
    const key = `${other.project}/${other.region}`;
    if (!reached.has(key)) reached.set(key, appChangeContext(other));
    return reached.get(key)!;
  };
  return {
    store,
    clients,
    ...where,
    at,
    tierPolicy,
    evidence: async (job, tier) =>
      evidenceFromReport(await readJobReport(job.name, tierPolicy, where), tier),
    onJobsChanged: forgetJobReports,
  };
}
