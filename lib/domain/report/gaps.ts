/**
 * Executions Monitoring saw finish that the report does not hold: Cloud Run Admin keeps only ~7 days
 * or 1,000 executions, so days before Tierwise's ledger started (or while it was not synced) would
 * otherwise look cheap. Compared per Monitoring period, summed per UTC day; the missing runs are
 * costed as their share of the day's metered allocation.
 */
import type { PriceBook } from '../pricing';
import type { AllocationPoint, ExecutionRecord, NumericPoint } from '../records';
import { utcDayOf, utcDayStartMs } from '../stats';

export type ExecutionGapDay = {
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly startMs: number;
  /** Executions `job/completed_execution_count` counted finishing that day (compared periods only). */
  readonly monitoredExecutions: number;
  /** Of those, how many the report holds. */
  readonly heldExecutions: number;
  readonly missingExecutions: number;
  /** missing ÷ monitored × the day's metered allocation × prices; null without allocation data. */
  readonly estimatedCostUsd: number | null;
};

export type ExecutionGaps = {
  /** Days with missing executions, oldest first. */
  readonly days: readonly ExecutionGapDay[];
  readonly missingExecutions: number;
  readonly estimatedCostUsd: number | null;
  /** Completions up to here were compared; later ones may not be synced or metered yet. */
  readonly comparedUntilMs: number;
};

export type GapInput = {
  readonly window: { readonly startMs: number; readonly endMs: number };
  /** Completed executions per period, both results; a period is (startMs, endMs]. */
  readonly completedPoints: readonly NumericPoint[];
  /** Every execution the report holds (any window; only finished ones count). */
  readonly executions: readonly ExecutionRecord[];
  readonly allocationPoints?: readonly AllocationPoint[];
  readonly priceBook: PriceBook;
  /** Periods ending after this are not compared. */
  readonly comparedUntilMs: number;
};

/** How many of the sorted times fall in (startMs, endMs]. */
function countIn(sorted: readonly number[], startMs: number, endMs: number): number {
  const after = (t: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]! <= t) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return after(endMs) - after(startMs);
}

function meteredUsdByDay(input: GapInput): Map<number, number> {
  const byDay = new Map<number, number>();
  for (const p of input.allocationPoints ?? []) {
    const usd =
      p.vcpuSeconds * input.priceBook.vcpuSecondUsd + p.gibSeconds * input.priceBook.gibSecondUsd;
    const day = utcDayStartMs(p.startMs);
    byDay.set(day, (byDay.get(day) ?? 0) + usd);
  }
  return byDay;
}

export function findExecutionGaps(input: GapInput): ExecutionGaps {
  const completions = input.executions
    .filter((e) => e.status !== 'running' && e.completionMs !== undefined)
    .map((e) => e.completionMs as number)
    .sort((a, b) => a - b);
  const endMs = Math.min(input.window.endMs, input.comparedUntilMs);
  const perDay = new Map<number, { monitored: number; held: number }>();
  for (const p of input.completedPoints) {
    if (p.startMs < input.window.startMs || p.endMs > endMs) continue;
    const day = utcDayStartMs(p.startMs);
    const tally = perDay.get(day) ?? { monitored: 0, held: 0 };
    tally.monitored += p.value;
    tally.held += countIn(completions, p.startMs, p.endMs);
    perDay.set(day, tally);
  }
  const metered = input.allocationPoints ? meteredUsdByDay(input) : undefined;
  const days: ExecutionGapDay[] = [];
  for (const [startMs, { monitored, held }] of [...perDay].sort((a, b) => a[0] - b[0])) {
    const missing = Math.max(0, Math.round(monitored - held));
    if (missing === 0) continue;
    const dayUsd = metered?.get(startMs);
    days.push({
      day: utcDayOf(startMs),
      startMs,
      monitoredExecutions: monitored,
      heldExecutions: Math.min(held, monitored),
      missingExecutions: missing,
      estimatedCostUsd: metered ? ((dayUsd ?? 0) * missing) / monitored : null,
    });
  }
  const missingExecutions = days.reduce((n, d) => n + d.missingExecutions, 0);
  const estimatedCostUsd = metered
    ? days.reduce((sum, d) => sum + (d.estimatedCostUsd ?? 0), 0)
    : null;
  return { days, missingExecutions, estimatedCostUsd, comparedUntilMs: endMs };
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/** The report warning in plain words, or undefined when nothing is missing. */
export function gapWarningText(gaps: ExecutionGaps): string | undefined {
  if (gaps.missingExecutions === 0) return undefined;
  const first = gaps.days[0]!;
  const last = gaps.days.at(-1)!;
  const span = first.day === last.day ? `on ${first.day}` : `between ${first.day} and ${last.day}`;
  const cost =
    gaps.estimatedCostUsd === null
      ? 'their cost could not be estimated (no allocation-time data)'
      : `they cost about ${usd(gaps.estimatedCostUsd)} by the metered allocation time, which is not in the figures above`;
  return `Cloud Monitoring counted ${gaps.missingExecutions} finished executions ${span} that Tierwise has no record of — Cloud Run keeps only recent history, and these finished before Tierwise started keeping its own copy (or while it was not syncing). ${cost[0]!.toUpperCase()}${cost.slice(1)}.`;
}
