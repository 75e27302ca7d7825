/** "Since then": how a snapshot differs from the same report read now. */
import type { ExecutionRecord } from '@/lib/domain/records';
import type { JobReport } from '@/lib/domain/report';

export interface LiveComparison {
  /** Completed executions that started after the snapshot's window ended. */
  readonly newerExecutions: number;
  readonly snapshotCostUsd: number;
  readonly liveCostUsd: number;
  /** Live cost over the same length of window ending now, against the snapshot's; null from zero. */
  readonly costChangePercent: number | null;
  readonly livePriceBookAsOf: string;
  readonly pricesChanged: boolean;
  readonly liveAsOfIso: string;
}

export function compareWithLive(
  snapshot: JobReport,
  live: JobReport,
  liveExecutions: readonly ExecutionRecord[],
): LiveComparison {
  const endMs = snapshot.inputs.window.endMs;
  const newerExecutions = liveExecutions.filter(
    (e) =>
      e.status !== 'running' &&
      (e.startMs ?? e.createMs) >= endMs &&
      (e.startMs ?? e.createMs) < live.inputs.window.endMs,
  ).length;
  const before = snapshot.totals.costUsd;
  const after = live.totals.costUsd;
  const a = snapshot.inputs.priceBook;
  const b = live.inputs.priceBook;
  return {
    newerExecutions,
    snapshotCostUsd: before,
    liveCostUsd: after,
    costChangePercent: before > 0 ? ((after - before) / before) * 100 : null,
    livePriceBookAsOf: b.asOf,
    pricesChanged:
      a.vcpuSecondUsd !== b.vcpuSecondUsd || a.gibSecondUsd !== b.gibSecondUsd || a.asOf !== b.asOf,
    liveAsOfIso: live.inputs.asOfIso,
  };
}

/** "since then: 1,204 more executions, cost +3%". */
export function describeComparison(c: LiveComparison): string {
  const count = new Intl.NumberFormat('en-US').format(c.newerExecutions);
  const change =
    c.costChangePercent === null
      ? 'no cost to compare with'
      : `cost ${c.costChangePercent >= 0 ? '+' : '−'}${Math.abs(c.costChangePercent).toFixed(Math.abs(c.costChangePercent) < 10 ? 1 : 0)}%`;
  const prices = c.pricesChanged ? `; prices changed (book as of ${c.livePriceBookAsOf})` : '';
  return `Since then: ${count} more execution${c.newerExecutions === 1 ? '' : 's'}, ${change}${prices}.`;
}
