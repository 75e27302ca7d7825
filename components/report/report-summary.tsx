import Link from 'next/link';
import { Card, Stat } from '@/components/ui/card';
import { loadReportView, type ReportView, type ReportViewRequest } from '@/lib/data/report-view';
import { projectLocation } from '@/lib/data/clients';
import { jobPageHref } from '@/components/overview/report-href';
import {
  formatCount,
  formatDateTimeUtc,
  formatMonthlySaving,
  formatPercent,
  formatUsd,
} from '@/lib/format';
import { formatDays } from './recommendation-wording';

/** Headline figures, what the report was built from, and every reason its data is partial. */
export async function ReportSummary({ request }: { request: ReportViewRequest }) {
  const view = await loadReportView(request);
  const { report } = view;
  const { inputs, totals } = report;
  const book = inputs.priceBook;
  const servesEveryTier = report.tiers.every(
    (tier) => tier.jobName === null || tier.jobName === inputs.job,
  );
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" data-testid="report-totals">
        <Card>
          <Stat
            label={`Cost, ${formatDays(inputs.window.days)}`}
            value={formatUsd(totals.costUsd)}
            note={`${formatCount(totals.executions)} executions, ${formatCount(totals.attempts)} attempts`}
          />
        </Card>
        <Card>
          <Stat
            label="Per month at this rate"
            value={formatUsd(totals.monthlyCostUsd)}
            note="the window scaled to 30 days"
          />
        </Card>
        <Card>
          <Stat
            label="Failure cost"
            value={formatUsd(totals.failureCostUsd)}
            note={`${formatCount(totals.billedRetries)} billed retries`}
          />
        </Card>
        <Card>
          <Stat
            label="Waste"
            value={formatUsd(totals.wasteUsd)}
            note="paid for and not used (lower bound)"
          />
        </Card>
        <Card>
          <Stat
            label="Saving with the recommendations"
            value={formatMonthlySaving(totals.monthlySavingUsd)}
            note={
              report.jobPerTierAdvice?.advise
                ? 'and see the one-job-per-tier advice below'
                : 'at the recommended limits'
            }
          />
        </Card>
      </div>
      <p className="text-xs text-muted" data-testid="report-inputs">
        {formatDateTimeUtc(inputs.window.startMs)} – {formatDateTimeUtc(inputs.window.endMs)} UTC ·
        tier policy:{' '}
        {view.policySource === 'link'
          ? 'from this link'
          : view.policyVersion === 0
            ? 'built-in default'
            : `saved, version ${view.policyVersion}`}{' '}
        · {book.label}
        {book.estimate ? ' (estimate)' : ''}, as of {book.asOf} · objective {inputs.objective} ·{' '}
        {formatCount(view.googleApiCalls)} Google API calls, read at{' '}
        {formatDateTimeUtc(inputs.asOfMs)} UTC
      </p>
      <Reconciliation report={report} />
      {report.jobPerTierAdvice ? (
        <p className="text-sm" data-testid="job-per-tier-advice">
          {report.jobPerTierAdvice.text}{' '}
          {servesEveryTier ? (
            <>
              {' '}
              <Link
                href={jobPageHref(
                  `/jobs/${encodeURIComponent(inputs.job)}/changes/split`,
                  '',
                  inputs,
                  projectLocation(),
                )}
                className="text-accent underline print:hidden"
              >
                Propose a split into one job per tier
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {report.warnings.length > 0 ? (
        <section
          role="status"
          aria-labelledby="partial-data"
          className="rounded border border-warning p-3 text-sm"
        >
          <h2 id="partial-data" className="font-medium text-warning">
            Partial data: read these figures with care
          </h2>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {report.warnings.map((warning) => (
              <li key={warning.kind}>{warning.text}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** One line; the reasons for a difference are listed with the other partial-data warnings. */
function Reconciliation({ report }: { report: ReportView['report'] }) {
  const r = report.reconciliation;
  if (r.status === 'no-metered-data' || r.meteredUsd === null) {
    return (
      <p className="text-sm text-muted">
        Google&apos;s metered allocation time was not available to check the computed cost against.
      </p>
    );
  }
  const words = r.status === 'agrees' ? 'agrees with' : 'differs from';
  return (
    <p className="text-sm tabular-nums" data-testid="reconciliation">
      Computed cost {formatUsd(r.computedUsd)} {words} the {formatUsd(r.meteredUsd)} Google metered
      over the same window
      {r.comparedUntilMs !== undefined && r.comparedUntilMs < report.inputs.window.endMs
        ? ` up to ${formatDateTimeUtc(r.comparedUntilMs)} UTC, the last settled hour,`
        : ''}{' '}
      ({formatPercent((r.differencePercent ?? 0) / 100)}).
    </p>
  );
}
