import Link from 'next/link';
import { appChangeContext } from '@/lib/changes/app-context';
import { loadChange } from '@/lib/changes/transitions';
import { verifyAppliedChange } from '@/lib/changes/verify';
import type { Estimate, Metric, MetricComparison, Verdict } from '@/lib/domain/verify';
import {
  formatCount,
  formatDateTimeUtc,
  formatMemory,
  formatPercent,
  formatUsd,
} from '@/lib/format';
import { Card } from '@/components/ui/card';

const VERDICT_TEXT: Record<Verdict, string> = {
  'as-projected': 'As projected',
  better: 'Better than projected',
  worse: 'Worse than projected',
  'too-early': 'Too early to tell',
};
const VERDICT_CLASS: Record<Verdict, string> = {
  'as-projected': 'text-ok',
  better: 'text-ok',
  worse: 'text-danger',
  'too-early': 'text-muted',
};
const METRIC_TEXT: Record<Metric, string> = {
  costPerExecution: 'Cost per execution',
  durationP50: 'p50 duration',
  durationP95: 'p95 duration',
  oomRate: 'OOM rate',
  timeoutRate: 'Timeout rate',
  failureRate: 'Failure rate',
};

function formatValue(metric: Metric, value: number): string {
  if (!Number.isFinite(value)) return '…';
  if (metric === 'costPerExecution') return formatUsd(value);
  if (metric === 'durationP50' || metric === 'durationP95') return `${value.toFixed(0)} s`;
  return formatPercent(value);
}

function EstimateCell({ metric, estimate }: { metric: Metric; estimate: Estimate | null }) {
  if (!estimate) return <td className="py-1 text-muted">—</td>;
  return (
    <td className="py-1 tabular-nums">
      {formatValue(metric, estimate.value)}{' '}
      <span className="text-xs text-muted">
        [{formatValue(metric, estimate.low)} – {formatValue(metric, estimate.high)}], n ={' '}
        {estimate.n}
      </span>
    </td>
  );
}

function MetricRow({ row }: { row: MetricComparison }) {
  const expected = row.reference === 'projection' ? row.expected : null;
  return (
    <tr className="border-t border-border">
      <th scope="row" className="py-1 text-left font-normal">
        {METRIC_TEXT[row.metric]}
      </th>
      <EstimateCell metric={row.metric} estimate={row.before} />
      <EstimateCell metric={row.metric} estimate={expected} />
      <EstimateCell metric={row.metric} estimate={row.after} />
      <td className={row.outcome === 'worse' ? 'py-1 text-danger' : 'py-1'}>
        {row.outcome === 'unknown' ? '—' : row.outcome.replace('-', ' ')}
        {row.outcome !== 'unknown' && row.reference === 'before' ? ' (vs before)' : ''}
      </td>
    </tr>
  );
}

/** Realised vs projected since the apply, per tier, and the rollback the guardrail proposed. */
export async function VerificationCard({ id }: { id: string }) {
  const context = await appChangeContext();
  const change = await loadChange(context, id);
  const {
    verification,
    guardrail,
    rollbackOf: undoes,
    nextStage,
  } = await verifyAppliedChange(context, change);
  const banner = undoes ? (
    <p role="alert" className="rounded border border-danger p-3 text-sm">
      <span className="font-medium text-danger">Urgent:</span> Tierwise proposed this rollback
      because change{' '}
      <Link href={`/changes/${undoes}`} className="text-accent underline">
        {undoes}
      </Link>{' '}
      made failures worse than expected; its evidence is below.
    </p>
  ) : null;
  if (!verification) return banner;
  return (
    <>
      {banner}
      <Card title="Verification since the apply">
        <div className="grid gap-3" data-testid="verification">
          <p className="text-sm">
            <span className={`text-lg font-semibold ${VERDICT_CLASS[verification.verdict]}`}>
              {VERDICT_TEXT[verification.verdict]}
            </span>
            {verification.verdict === 'too-early'
              ? ` — ${formatCount(verification.executionsNeeded)} more executions needed.`
              : ''}
          </p>
          <p className="text-xs text-muted">
            Applied {formatDateTimeUtc(verification.appliedAtMs)} UTC; executions at the new limits
            since then, against the projection frozen in the change and the tier at the old limits
            from {formatDateTimeUtc(verification.before.startMs)} UTC. Intervals are 95 %; costs at
            the {verification.priceBook} price book, every attempt billed.
          </p>
          {guardrail.rollbackId ? (
            <p role="alert" className="rounded border border-danger p-3 text-sm">
              Failures are above the expected interval: Tierwise proposed the rollback to the
              previous limits,{' '}
              <Link href={`/changes/${guardrail.rollbackId}`} className="text-accent underline">
                change {guardrail.rollbackId}
              </Link>
              , marked urgent.
            </p>
          ) : null}
          {guardrail.note ? <p className="text-sm text-warning">{guardrail.note}</p> : null}
          {nextStage.plan ? (
            <p className="text-sm" data-testid="stages">
              Staged lowering: step {nextStage.plan.step} of {nextStage.plan.memorySteps.length} (
              {nextStage.plan.memorySteps.map((bytes) => formatMemory(bytes)).join(' → ')}).{' '}
              {nextStage.nextStageId ? (
                <Link href={`/changes/${nextStage.nextStageId}`} className="text-accent underline">
                  Next step: change {nextStage.nextStageId}
                </Link>
              ) : (
                nextStage.note
              )}
            </p>
          ) : null}
          {verification.warnings.map((warning) => (
            <p key={warning} className="text-sm text-warning">
              {warning}
            </p>
          ))}
          {verification.tiers.map((tier) => (
            <section key={tier.tier} className="grid gap-1">
              <h3 className="text-sm font-medium">
                Tier {tier.tier}:{' '}
                <span className={VERDICT_CLASS[tier.verdict]}>{VERDICT_TEXT[tier.verdict]}</span> ·{' '}
                {formatCount(tier.executionsBefore)} executions before,{' '}
                {formatCount(tier.executionsAfter)} since
              </h3>
              <table className="w-full text-sm">
                <thead className="text-left text-xs text-muted">
                  <tr>
                    <th className="py-1 font-normal">Figure</th>
                    <th className="py-1 font-normal">Before</th>
                    <th className="py-1 font-normal">Projected</th>
                    <th className="py-1 font-normal">Since the apply</th>
                    <th className="py-1 font-normal">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  {tier.metrics.map((row) => (
                    <MetricRow key={row.metric} row={row} />
                  ))}
                </tbody>
              </table>
              <p className="text-xs text-muted">
                A month at today&apos;s rate ({formatCount(tier.monthly.executionsPerMonth)}{' '}
                executions): realised saving{' '}
                {tier.monthly.realisedSavingUsd
                  ? formatUsd(tier.monthly.realisedSavingUsd.value)
                  : '—'}
                , projected{' '}
                {tier.monthly.projectedSavingUsd === null
                  ? '— (none frozen for these limits)'
                  : formatUsd(tier.monthly.projectedSavingUsd)}
                .
              </p>
              {tier.reasons.map((reason) => (
                <p key={reason} className="text-xs">
                  {reason}
                </p>
              ))}
            </section>
          ))}
        </div>
      </Card>
    </>
  );
}
