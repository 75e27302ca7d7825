import type { Distribution, TierReport } from '@/lib/domain/report/types';
import { loadReportView, type ReportViewRequest } from '@/lib/data/report-view';
import { MIN_MEASURED_FOR_LOW, measuredAloneP95 } from '@/lib/domain/verdict';
import { formatCount, formatPercent, formatUsd, formatUsdPerExecution } from '@/lib/format';
import { formatMemory, formatSeconds } from './recommendation-wording';
import { VerdictBadge } from './verdict-badge';

const pct = (value: number | null) => (value === null ? '—' : formatPercent(value));

function spread(
  d: Distribution,
  format: (value: number | null) => string,
  withMax: boolean,
): string {
  const parts = [format(d.p50), format(d.p95), ...(withMax ? [format(d.max)] : [])];
  return parts.join(' / ');
}

function attribution(tier: TierReport): string {
  const shares = tier.attribution.memory.shares;
  if (tier.attribution.memory.total === 0) return '—';
  const parts = (['exact', 'sliced', 'ambiguous', 'missing'] as const)
    .filter((source) => shares[source] > 0)
    .map((source) => `${formatPercent(shares[source])} ${source}`);
  return parts.join(', ');
}

/** The p95 the verdict judged from executions measured alone, where it left the upper bounds out. */
function MeasuredAlone({ tier, id }: { tier: TierReport; id: 'memory-low' | 'cpu-low' }) {
  const alone = measuredAloneP95(tier.verdict, id);
  if (!alone || alone.executions >= tier.executions) return null;
  return (
    <div className="text-xs text-muted" data-measured-alone={id}>
      p95 {formatPercent(alone.value)} in the {formatCount(alone.executions)} measured alone
    </div>
  );
}

function TierRow({ tier }: { tier: TierReport }) {
  const limits = tier.currentLimits;
  const cell = 'py-2 pr-3 text-right align-top';
  return (
    <tr className="border-b border-border" data-tier={tier.id}>
      <th scope="row" className="py-2 pr-3 text-left align-top font-medium">
        {tier.label}
        <div className="text-xs font-normal text-muted">{tier.bounds}</div>
      </th>
      <td className={cell}>{formatCount(tier.executions)}</td>
      <td className={cell}>
        {spread(tier.durationSeconds, formatSeconds, false)}
        <div className="text-xs text-muted">of {formatSeconds(limits?.timeoutSeconds)} timeout</div>
      </td>
      <td className={cell}>
        {spread(tier.cpuUtilisation, pct, true)}
        <div className="text-xs text-muted">of {limits ? `${limits.vcpu} vCPU` : '—'}</div>
        <MeasuredAlone tier={tier} id="cpu-low" />
      </td>
      <td className={cell}>
        {spread(tier.peakMemoryFraction, pct, true)}
        <div className="text-xs text-muted">
          of {limits ? formatMemory(limits.memoryBytes) : '—'}
        </div>
        <MeasuredAlone tier={tier} id="memory-low" />
      </td>
      <td className={cell}>{formatCount(tier.failedAttempts.oom)}</td>
      <td className={cell}>{formatCount(tier.failedAttempts.timeout)}</td>
      <td className={cell}>{formatCount(tier.billedRetries)}</td>
      <td className={cell}>
        {formatUsd(tier.cost.costUsd)}
        {tier.executions > 0 ? (
          <div className="text-xs text-muted">
            {formatUsdPerExecution(tier.cost.costUsd / tier.executions)} each
          </div>
        ) : null}
      </td>
      <td className={cell}>{formatUsd(tier.cost.wasteUsd)}</td>
      <td className="py-2 pr-3 align-top">
        <VerdictBadge kind={tier.verdict.kind} />
      </td>
      <td className="py-2 text-xs align-top">{attribution(tier)}</td>
    </tr>
  );
}

const HEADERS = [
  ['Tier', false],
  ['Executions', true],
  ['Duration p50 / p95', true],
  ['CPU p50 / p95 / max', true],
  ['Memory peak p50 / p95 / max', true],
  ['OOMs', true],
  ['Timeouts', true],
  ['Billed retries', true],
  ['Cost', true],
  ['Waste', true],
  ['Verdict', false],
  ['Memory figures', false],
] as const;

/** Every tier's figures against its limits, unclassified executions last when there are any. */
export async function TierFiguresTable({ request }: { request: ReportViewRequest }) {
  const { report } = await loadReportView(request);
  const rows =
    report.unclassified.executions > 0 ? [...report.tiers, report.unclassified] : report.tiers;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Figures per tier">
      <table className="w-full min-w-[64rem] text-sm tabular-nums" data-testid="tier-figures">
        <caption className="sr-only">
          Per tier over the window: executions, duration, CPU and memory use against the limits,
          failures, cost, waste and verdict
        </caption>
        <thead className="text-muted">
          <tr className="border-b border-border">
            {HEADERS.map(([label, numeric]) => (
              <th
                key={label}
                scope="col"
                className={`py-2 pr-3 text-xs font-medium ${numeric ? 'text-right' : 'text-left'}`}
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((tier) => (
            <TierRow key={tier.id} tier={tier} />
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-muted">
        CPU and memory figures: exact and sliced ones belong to one execution; an ambiguous one is
        the highest of every execution sharing its minutes, so it can only read high. Where{' '}
        {MIN_MEASURED_FOR_LOW} or more executions were measured alone, their p95 is shown beneath
        and is what the verdict judges over-provisioning on.
      </p>
    </div>
  );
}
