import { formatSeconds, limitsText } from '@/components/report/recommendation-wording';
import { evidenceView, type EvidenceTier } from '@/lib/changes/evidence-view';

import { formatCount, formatDateTimeUtc, formatPercent, formatRisk, formatUsd } from '@/lib/format';
import type { JsonObject } from '@/lib/store';

const dash = '—';
/** The stored ISO time in the report's own format; as stored if it is not a time. */
const readAt = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? formatDateTimeUtc(ms) : iso;
};
const usdOr = (value: number | undefined) => (value === undefined ? dash : formatUsd(value));
const percentOr = (value: number | undefined) =>
  value === undefined ? dash : formatPercent(value);
/** A risk never reads as 0% when it is not: "under 0.1%" below the display precision. */
const riskOr = (value: number | undefined) => (value === undefined ? dash : formatRisk(value));

/** Beside the p95 over every execution, the one of those measured alone, when it is a subset. */
function Alone({ value, executions, of }: { value?: number; executions?: number; of?: number }) {
  if (value === undefined || executions === undefined) return null;
  if (of !== undefined && executions >= of) return null;
  return (
    <span className="block text-xs text-muted">
      {formatPercent(value)} in {formatCount(executions)} measured alone
    </span>
  );
}

function Row({ tier }: { tier: EvidenceTier }) {
  return (
    <tr className="border-t border-border align-top" data-evidence-tier={tier.tier}>
      <td className="py-1 pr-3">
        <span className="font-medium">{tier.tier}</span>
        {tier.verdictSummary || tier.note ? (
          <span className="block max-w-xs text-xs text-muted">
            {tier.verdictSummary ?? tier.note}
          </span>
        ) : null}
      </td>
      <td className="py-1 pr-3">
        {tier.executions === undefined ? dash : formatCount(tier.executions)}
        {tier.failed ? (
          <span className="block text-xs text-muted">{tier.failed} failed</span>
        ) : null}
      </td>
      <td className="py-1 pr-3">
        {formatSeconds(tier.durationP50Seconds)} / {formatSeconds(tier.durationP95Seconds)}
      </td>
      <td className="py-1 pr-3">
        {percentOr(tier.cpuUtilisationP95)}
        <Alone
          value={tier.cpuUtilisationP95MeasuredAlone}
          executions={tier.cpuMeasuredAlone}
          of={tier.executions}
        />
      </td>
      <td className="py-1 pr-3">
        {percentOr(tier.peakMemoryFractionP95)}
        <Alone
          value={tier.peakMemoryFractionP95MeasuredAlone}
          executions={tier.memoryMeasuredAlone}
          of={tier.executions}
        />
      </td>
      <td className="py-1 pr-3">
        {usdOr(tier.costUsd)}
        {tier.wasteUsd !== undefined ? (
          <span className="block text-xs text-muted">{formatUsd(tier.wasteUsd)} waste</span>
        ) : null}
      </td>
      <td className="py-1 pr-3">
        {tier.recommendedLimits ? limitsText(tier.recommendedLimits) : dash}
        {tier.confidence ? (
          <span className="block text-xs text-muted">{tier.confidence} confidence</span>
        ) : null}
        {tier.confidenceReasons ? (
          <span className="block max-w-xs text-xs text-muted">{tier.confidenceReasons}</span>
        ) : null}
      </td>
      <td className="py-1 pr-3">{usdOr(tier.monthlySavingUsd)}</td>
      <td className="py-1">
        {tier.projectedP95Seconds === undefined ? (
          dash
        ) : (
          <>
            {formatSeconds(tier.projectedP95Seconds)}
            <span className="block text-xs text-muted">
              OOM {riskOr(tier.projectedOomProbability)} · timeout{' '}
              {riskOr(tier.projectedTimeoutProbability)}
            </span>
            {tier.projectedFailureProbability !== undefined &&
            tier.projectedFailureProbabilityHigh !== undefined ? (
              <span
                className={`block text-xs ${tier.projectedWithinBudget === false ? 'text-warning' : 'text-muted'}`}
              >
                failures {riskOr(tier.projectedFailureProbability)} (up to{' '}
                {riskOr(tier.projectedFailureProbabilityHigh)}) · budget{' '}
                {riskOr(tier.failureBudgetRate)}
                {tier.projectedWithinBudget === false ? ', over it' : ''}
              </span>
            ) : null}
          </>
        )}
      </td>
    </tr>
  );
}

/**
 * The figures a change was proposed on, as a table a reviewer can scan, with the report they came
 * from; the evidence exactly as stored stays one click away.
 */
export function EvidenceSummary({ evidence, tier }: { evidence: JsonObject; tier: string }) {
  const view = evidenceView(evidence, tier);
  const source = view.source;
  return (
    <div className="grid gap-2 text-sm">
      {source ? (
        <p className="text-muted">
          Figures from the report
          {source.startMs !== undefined && source.endMs !== undefined
            ? ` of ${formatDateTimeUtc(source.startMs)} – ${formatDateTimeUtc(source.endMs)} UTC`
            : ''}
          {source.priceBook ? `, priced with ${source.priceBook}` : ''}
          {source.asOf ? `, read ${readAt(source.asOf)} UTC` : ''}.
        </p>
      ) : null}
      {view.tiers.length === 0 ? (
        <p className="text-muted">No report figures were frozen with this change.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm tabular-nums" aria-label="Evidence per tier">
            <thead className="text-left text-muted">
              <tr>
                <th className="py-1 pr-3">Tier</th>
                <th className="py-1 pr-3">Executions</th>
                <th className="py-1 pr-3">Duration p50 / p95</th>
                <th className="py-1 pr-3">CPU p95</th>
                <th className="py-1 pr-3">Memory peak p95</th>
                <th className="py-1 pr-3">Cost</th>
                <th className="py-1 pr-3">Recommended</th>
                <th className="py-1 pr-3">Saving / month</th>
                <th className="py-1">Projected p95</th>
              </tr>
            </thead>
            <tbody>
              {view.tiers.map((each) => (
                <Row key={each.tier} tier={each} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details>
        <summary className="cursor-pointer text-muted">The evidence as stored (JSON)</summary>
        <pre className="max-h-64 overflow-auto rounded bg-background p-2 text-xs">
          {JSON.stringify(evidence, null, 2)}
        </pre>
      </details>
    </div>
  );
}
