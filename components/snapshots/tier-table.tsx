import type { JobReport, TierReport } from '@/lib/domain/report';
import { formatCount, formatLimits, formatPercent, formatSeconds, formatUsd } from '@/lib/format';

function seconds(value: number | null): string {
  return formatSeconds(value);
}

function limits(tier: TierReport): string {
  const l = tier.currentLimits;
  if (!l) return '—';
  return formatLimits(l);
}

const HEADERS = [
  'Executions',
  'Failed',
  'Billed retries',
  'p50 / p95 duration',
  'p95 peak memory',
  'Cost',
  'Waste',
  'Verdict',
];

/** One row per tier of the frozen report, unclassified and the total. */
export function TierTable({ report }: { report: JobReport }) {
  const rows = [...report.tiers, report.unclassified];
  return (
    <table className="w-full text-sm" data-testid="tier-table">
      <caption className="mb-2 text-left text-sm font-medium">Cost per tier</caption>
      <thead className="text-left text-muted">
        <tr className="border-b border-border">
          <th scope="col" className="py-2 pr-3 font-medium">
            Tier
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Limits
          </th>
          {HEADERS.map((header) => (
            <th key={header} scope="col" className="py-2 pr-3 text-right font-medium">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {rows.map((tier) => (
          <tr key={tier.id} className="border-b border-border" data-tier={tier.id}>
            <th scope="row" className="py-2 pr-3 text-left font-medium">
              {tier.label}
              <div className="text-xs font-normal text-muted">{tier.bounds}</div>
            </th>
            <td className="py-2 pr-3">{limits(tier)}</td>
            <td className="py-2 pr-3 text-right">{formatCount(tier.executions)}</td>
            <td className="py-2 pr-3 text-right">{formatCount(tier.failed)}</td>
            <td className="py-2 pr-3 text-right">{formatCount(tier.billedRetries)}</td>
            <td className="py-2 pr-3 text-right">
              {seconds(tier.durationSeconds.p50)} / {seconds(tier.durationSeconds.p95)}
            </td>
            <td className="py-2 pr-3 text-right">
              {tier.peakMemoryFraction.p95 === null
                ? '—'
                : formatPercent(tier.peakMemoryFraction.p95)}
            </td>
            <td className="py-2 pr-3 text-right">{formatUsd(tier.cost.costUsd)}</td>
            <td className="py-2 pr-3 text-right">{formatUsd(tier.cost.wasteUsd)}</td>
            <td className="py-2 text-right">{tier.verdict.kind}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className="tabular-nums font-medium">
        <tr>
          <th scope="row" className="py-2 pr-3 text-left">
            Total
          </th>
          <td />
          <td className="py-2 pr-3 text-right">{formatCount(report.totals.executions)}</td>
          <td className="py-2 pr-3 text-right">{formatCount(report.totals.failed)}</td>
          <td className="py-2 pr-3 text-right">{formatCount(report.totals.billedRetries)}</td>
          <td />
          <td />
          <td className="py-2 pr-3 text-right">{formatUsd(report.totals.costUsd)}</td>
          <td className="py-2 pr-3 text-right">{formatUsd(report.totals.wasteUsd)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
