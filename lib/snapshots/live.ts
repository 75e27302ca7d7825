/** Reads a live report for a snapshot or a comparison, through the same path as the job page. */
import { projectLocation, requestClients } from '@/lib/data/clients';
import { getJobReport } from '@/lib/data/report';
import { unreadPlace } from '@/lib/data/settings-regions';
import { getSavedSettings } from '@/lib/data/settings';
import { CUSTOM_PRICE_BOOK_ID } from '@/lib/data/settings-schema';
import { DEFAULT_PRICE_BOOK_ID, findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import { getStore } from '@/lib/store/instance';
import type { GcpClients } from '@/lib/gcp';
import { SnapshotRequestError } from '@/lib/snapshots/errors';
import type { ReadLiveReport } from '@/lib/snapshots/snapshots';

export interface LiveSource {
  /** Clients for one report; each call may return a fresh call counter over shared channels. */
  readonly clients: () => GcpClients;
  readonly project: string;
  readonly region: string;
  /** Refuses a place Tierwise does not read (a `SnapshotRequestError` naming the field). */
  readonly checkPlace?: (place: { project: string; region: string }) => Promise<void>;
  /** The team's approved tier policy and saved price book; the built-in defaults when absent. */
  readonly saved?: () => Promise<{ policy: TierPolicy; priceBook: PriceBook }>;
}

const BUILT_IN = async () => ({
  policy: DEFAULT_TIER_POLICY,
  priceBook: findPriceBook(DEFAULT_PRICE_BOOK_ID) as PriceBook,
});

export function liveReportReader(source: LiveSource): ReadLiveReport {
  return async (request) => {
    // The job's own place, as its report's link names it; the source's defaults otherwise.
    const place = {
      project: request.project ?? source.project,
      region: request.region ?? source.region,
    };
    await source.checkPlace?.(place);
    const saved = await (source.saved ?? BUILT_IN)();
    // The same choice the job page makes: no book or `custom` means the team's saved one.
    const priceBook =
      request.priceBook === undefined || request.priceBook === CUSTOM_PRICE_BOOK_ID
        ? saved.priceBook
        : findPriceBook(request.priceBook);
    if (!priceBook) {
      throw new SnapshotRequestError(`Unknown price book "${request.priceBook}".`, {
        priceBook: [`unknown price book "${request.priceBook}"`],
      });
    }
    const { report, records } = await getJobReport({
      clients: source.clients(),
      ...place,
      job: request.job,
      policy: request.policy ?? saved.policy,
      priceBook,
      objective: request.objective,
      now: request.nowMs,
      ...request.window,
    });
    return { report, records };
  };
}

/**
 * The app's reader: the server's shared channels, the deployment's project and region by default,
 * and any other place Tierwise is configured to read.
 */
export function appLiveReportReader(): ReadLiveReport {
  return liveReportReader({
    clients: requestClients,
    ...projectLocation(),
    checkPlace: async (place) => {
      const problem = await unreadPlace(requestClients(), place);
      if (problem) {
        throw new SnapshotRequestError(problem.message, { [problem.field]: [problem.message] });
      }
    },
    saved: async () => getSavedSettings(await getStore()),
  });
}
