import { reportHref } from './report-href';
import Link from 'next/link';
import { SvgStackedBars } from '@/components/charts/svg-stacked-bars';
import { ChartFigure } from '@/components/report/chart-figure';
import { SERIES_COLOURS, UNCLASSIFIED_COLOUR } from '@/components/report/chart-data';
import type { ProjectOverview } from '@/lib/data/overview';
import { formatDays, formatMonthlySaving, formatUsd } from '@/lib/format';
import { totalUsd, unreadJobsText } from './partial-totals';

/** At most this many jobs get their own colour; the rest are summed as "Other jobs". */
const MAX_JOB_SERIES = SERIES_COLOURS.length - 1;

/** Cost per UTC day stacked by job: jobs by cost, the smallest folded into "Other jobs". */
export function costByJobAndDay(rows: ProjectOverview['rows']) {
  // A job whose report could not be read has no bars: the summary says how many are missing.
  const byCost = rows
    .filter((r): r is typeof r & { costUsd: number } => (r.costUsd ?? 0) > 0)
    .sort((a, b) => b.costUsd - a.costUsd);
  const named = byCost.length > MAX_JOB_SERIES + 1 ? byCost.slice(0, MAX_JOB_SERIES) : byCost;
  const rest = byCost.slice(named.length);
  const series: { key: string; label: string; colour: string }[] = named.map((row, index) => ({
    key: `job${index}`,
    label: row.job,
    colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
  }));
  if (rest.length > 0)
    series.push({ key: 'other', label: 'Other jobs', colour: UNCLASSIFIED_COLOUR });
  const days = new Map<string, Record<string, number | string>>();
  const dayRow = (day: string) => {
    let row = days.get(day);
    if (!row) {
      row = { day, ...Object.fromEntries(series.map((s) => [s.key, 0])) };
      days.set(day, row);
    }
    return row;
  };
  named.forEach((row, index) => {
    for (const d of row.costByDay) dayRow(d.day)[`job${index}`] = d.costUsd;
  });
  for (const row of rest) {
    for (const d of row.costByDay) {
      const entry = dayRow(d.day);
      entry.other = Number(entry.other ?? 0) + d.costUsd;
    }
  }
  const data = [...days.values()].sort((a, b) => String(a.day).localeCompare(String(b.day)));
  return { data, series };
}

/** The overview's opening: where the money went, what was wasted or failed, what to save first. */
export function CostOverTime({ overview, query }: { overview: ProjectOverview; query: string }) {
  const { data, series } = costByJobAndDay(overview.rows);
  const columns = [
    { key: 'day', label: 'Day (UTC)' },
    ...series.map((s) => ({ key: s.key, label: s.label, numeric: true })),
  ];
  const rows = data.map((row) =>
    Object.fromEntries(
      columns.map((c) => [
        c.key,
        c.key === 'day' ? String(row.day) : formatUsd(Number(row[c.key])),
      ]),
    ),
  );
  const savings = overview.rows
    .filter((r): r is typeof r & { monthlySavingUsd: number } => (r.monthlySavingUsd ?? 0) >= 0.01)
    .slice(0, 5);
  const { totals } = overview;
  const unread = unreadJobsText(totals);
  const summary = `Every attempt's billed cost, by the UTC day the execution started; ${totalUsd(totals.costUsd, totals)} over ${formatDays(overview.days)}${unread ? ` (${unread}; not drawn)` : ''}.`;
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]" data-testid="cost-over-time">
      <div className="rounded-lg border border-border bg-card p-4">
        <ChartFigure
          id="cost-by-job"
          title="Cost per day by job"
          headingLevel={2}
          summary={summary}
          columns={columns}
          rows={rows}
        >
          <SvgStackedBars
            data={data}
            series={series}
            xKey="day"
            unit="usd"
            label={`Cost per day by job, stacked: ${series.map((s) => s.label).join(', ')}`}
          />
        </ChartFigure>
      </div>
      <div className="grid content-start gap-4">
        <section
          aria-labelledby="waste-failure"
          className="rounded-lg border border-border bg-card p-4 text-sm"
        >
          <h2 id="waste-failure" className="mb-2 text-sm font-medium">
            Waste and failure cost, {formatDays(overview.days)}
          </h2>
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 tabular-nums">
            <dt className="text-muted">Waste (paid for, not used)</dt>
            <dd className="text-right font-medium">{totalUsd(totals.wasteUsd, totals)}</dd>
            <dt className="text-muted">Failure cost (failed attempts)</dt>
            <dd className="text-right font-medium">{totalUsd(totals.failureCostUsd, totals)}</dd>
            <dt className="text-muted">All billed cost</dt>
            <dd className="text-right">{totalUsd(totals.costUsd, totals)}</dd>
          </dl>
          {unread ? (
            <p className="mt-2 text-xs text-warning" data-testid="unread-jobs">
              Partial: {unread}; their cost is not in these sums.
            </p>
          ) : null}
        </section>
        <section
          aria-labelledby="largest-savings"
          className="rounded-lg border border-border bg-card p-4 text-sm"
        >
          <h2 id="largest-savings" className="mb-2 text-sm font-medium">
            Largest savings first
          </h2>
          {savings.length === 0 ? (
            <p className="text-muted">No job would cost less at its recommended limits.</p>
          ) : (
            <ol className="grid gap-1" data-testid="largest-savings">
              {savings.map((row) => (
                <li
                  key={`${row.project}/${row.region}/${row.job}`}
                  className="flex items-baseline justify-between gap-2"
                >
                  <Link
                    href={reportHref(row, query, overview.project)}
                    className="text-accent underline"
                  >
                    {row.job}
                  </Link>
                  <span className="tabular-nums">{formatMonthlySaving(row.monthlySavingUsd)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
