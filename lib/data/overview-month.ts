/** The month so far as Google metered it: allocation time × prices since the first, UTC. */
import { readAllocation, type GcpClients } from '@/lib/gcp';
import { usageCostUsd, type PriceBook } from '@/lib/domain/pricing';

export type MonthToDate = {
  readonly startMs: number;
  readonly elapsedDays: number;
  readonly daysInMonth: number;
  /** allocation_time × prices since the first of the month, UTC: Google's own metering. */
  readonly meteredCostUsd: number;
  readonly projectedMonthlyUsd: number;
};

const DAY_MS = 86_400_000;

async function monthToDate(
  clients: GcpClients,
  project: string,
  regions: readonly string[],
  priceBook: PriceBook,
  nowMs: number,
): Promise<MonthToDate | null> {
  const now = new Date(nowMs);
  const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const daysInMonth = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0),
  ).getUTCDate();
  // Monitoring aligns in whole minutes; one period covers the month so far.
  const periodSeconds = Math.max(60, Math.ceil((nowMs - startMs) / 60_000) * 60);
  try {
    const allocation = await readAllocation(clients, {
      project,
      startMs,
      endMs: nowMs,
      periodSeconds,
    });
    // One query for the project; only the regions read count, as the rows do.
    const usage = allocation.items
      .filter((series) => series.region === undefined || regions.includes(series.region))
      .flatMap((series) => series.points);
    const meteredCostUsd = usage.reduce((sum, p) => sum + usageCostUsd(p, priceBook), 0);
    const elapsedDays = Math.max((nowMs - startMs) / DAY_MS, 1 / 24);
    return {
      startMs,
      elapsedDays,
      daysInMonth,
      meteredCostUsd,
      projectedMonthlyUsd: (meteredCostUsd / elapsedDays) * daysInMonth,
    };
  } catch {
    return null;
  }
}

/** The month so far over every project read, each with its own regions; null if any is unknown. */
export async function monthToDateOf(
  clients: GcpClients,
  perProject: readonly { project: string; regions: readonly string[] }[],
  priceBook: PriceBook,
  nowMs: number,
): Promise<MonthToDate | null> {
  const months = await Promise.all(
    perProject.map((p) => monthToDate(clients, p.project, p.regions, priceBook, nowMs)),
  );
  if (months.some((m) => m === null)) return null;
  const [first] = months as MonthToDate[];
  if (!first) return null;
  const meteredCostUsd = (months as MonthToDate[]).reduce(
    (total, m) => total + m.meteredCostUsd,
    0,
  );
  return {
    ...first,
    meteredCostUsd,
    projectedMonthlyUsd: (meteredCostUsd / first.elapsedDays) * first.daysInMonth,
  };
}
