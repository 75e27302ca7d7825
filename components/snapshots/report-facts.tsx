import type { JobReport } from '@/lib/domain/report';
import { formatDateTimeUtc, formatDays, formatPercent, formatUsd } from '@/lib/format';

export function Reconciliation({ report }: { report: JobReport }) {
  const r = report.reconciliation;
  return (
    <section className="break-inside-avoid">
      <h2 className="mb-2 text-sm font-medium">Computed against metered cost</h2>
      <p className="text-sm">
        Computed {formatUsd(r.computedUsd)}
        {r.meteredUsd === null ? ', no metered data' : `, metered ${formatUsd(r.meteredUsd)}`}
        {r.comparedUntilMs !== undefined && r.comparedUntilMs < report.inputs.window.endMs
          ? ` up to ${formatDateTimeUtc(r.comparedUntilMs)} UTC (the last settled hour)`
          : ''}
        : <strong>{r.status}</strong>
        {r.differencePercent === null
          ? null
          : ` (${r.differencePercent >= 0 ? '+' : ''}${formatPercent(r.differencePercent / 100)})`}
        .
      </p>
      {r.reasons.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-muted">
          {r.reasons.map((reason) => (
            <li key={reason.kind}>{reason.text}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function Warnings({ report }: { report: JobReport }) {
  if (report.warnings.length === 0) return null;
  return (
    <section className="break-inside-avoid">
      <h2 className="mb-2 text-sm font-medium">Warnings</h2>
      <ul className="list-disc pl-5 text-sm text-warning">
        {report.warnings.map((warning, i) => (
          <li key={`${warning.kind}-${i}`}>{warning.text}</li>
        ))}
      </ul>
    </section>
  );
}

/** Everything the figures were computed from, so a reader can reproduce them. */
export function ReportInputs({ report }: { report: JobReport }) {
  const { inputs } = report;
  const book = inputs.priceBook;
  const rows: [string, string][] = [
    ['Project / region', `${inputs.project} / ${inputs.region}`],
    [
      'Window (UTC)',
      `${inputs.window.startIso} → ${inputs.window.endIso} (${formatDays(inputs.window.days)})`,
    ],
    [
      'Price book',
      `${book.label} (as of ${book.asOf}${book.estimate ? ', estimate' : ''}): $${book.vcpuSecondUsd}/vCPU-s, $${book.gibSecondUsd}/GiB-s`,
    ],
    ['Tier policy', inputs.policy.tiers.map((t) => t.label).join(' · ')],
    ['Objective', inputs.objective],
    ['Failure cost', formatUsd(report.totals.failureCostUsd)],
    ['Running, left out', String(report.totals.running)],
    [
      'Waste share',
      report.totals.costUsd > 0
        ? formatPercent(report.totals.wasteUsd / report.totals.costUsd)
        : '—',
    ],
  ];
  return (
    <section className="break-inside-avoid">
      <h2 className="mb-2 text-sm font-medium">Inputs</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
