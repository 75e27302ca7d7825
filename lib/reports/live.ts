/** Reads a live report for a snapshot or a comparison, through the same path as the job page. */
import { projectLocation, requestClients } from '@/lib/data/clients';
import { getJobReport } from '@/lib/data/report';
import { findPriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import type { GcpClients } from '@/lib/gcp';
import { SnapshotRequestError } from './errors';
import type { ReadLiveReport } from './snapshots';

export interface LiveSource {
  /** Clients for one report; each call may return a fresh call counter over shared channels. */
  readonly clients: () => GcpClients;
  readonly project: string;
  readonly region: string;
  readonly policy?: TierPolicy;
}

export function liveReportReader(source: LiveSource): ReadLiveReport {
  return async (request) => {
    const priceBook = findPriceBook(request.priceBook);
    if (!priceBook) {
      throw new SnapshotRequestError(`Unknown price book "${request.priceBook}".`, {
        priceBook: [`unknown price book "${request.priceBook}"`],
      });
    }
    const { report, records } = await getJobReport({
      clients: source.clients(),
      project: source.project,
      region: source.region,
      job: request.job,
      policy: source.policy ?? DEFAULT_TIER_POLICY,
      priceBook,
      objective: request.objective,
      now: request.nowMs,
      ...request.window,
    });
    return { report, records };
  };
}

/** The app's reader: the server's shared channels and the deployment's project and region. */
export function appLiveReportReader(): ReadLiveReport {
  return liveReportReader({ clients: requestClients, ...projectLocation() });
}
