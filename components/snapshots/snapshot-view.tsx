import type { SnapshotDocument } from '@/lib/snapshots/document';
import { formatCount, formatUsd } from '@/lib/format';
import { Stat } from '@/components/ui/card';
import { CostByDayChart } from '@/components/snapshots/cost-by-day-chart';
import { ReportInputs, Reconciliation, Warnings } from '@/components/snapshots/report-facts';
import { TierTable } from '@/components/snapshots/tier-table';

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** The frozen report: everything on it comes from the snapshot document, nothing from Google. */
export function SnapshotView({ document }: { document: SnapshotDocument }) {
  const { report } = document;
  const { inputs, totals } = report;
  return (
    <article className="snapshot-report space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">
          Cost report: {inputs.job}
          <span className="text-muted">
            {' '}
            · {inputs.project} / {inputs.region}
          </span>
        </h1>
        <p className="text-sm text-muted">
          Snapshot taken {utc(document.takenAtIso)} by {document.takenBy} ·{' '}
          {utc(inputs.window.startIso)} → {utc(inputs.window.endIso)} · {inputs.priceBook.label},
          prices as of {inputs.priceBook.asOf}
        </p>
      </header>
      <section className="grid grid-cols-2 gap-4 sm:grid-cols-4 break-inside-avoid">
        <Stat
          label="Executions"
          value={formatCount(totals.executions)}
          note={`${formatCount(totals.failed)} failed`}
        />
        <Stat label="Cost" value={formatUsd(totals.costUsd)} note="every attempt billed" />
        <Stat label="Waste" value={formatUsd(totals.wasteUsd)} note="paid for, not used" />
        <Stat
          label="Failure cost"
          value={formatUsd(totals.failureCostUsd)}
          note={`${formatCount(totals.billedRetries)} billed retries`}
        />
      </section>
      <section className="break-inside-avoid">
        <TierTable report={report} />
      </section>
      <section className="break-inside-avoid">
        <CostByDayChart report={report} />
      </section>
      <Reconciliation report={report} />
      <Warnings report={report} />
      <ReportInputs report={report} />
    </article>
  );
}
