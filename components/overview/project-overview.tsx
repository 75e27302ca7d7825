import { Card, Stat } from '@/components/ui/card';
import { getProjectOverview, type OverviewRequest } from '@/lib/data/overview';
import { formatDays, formatUsd } from '@/lib/format';
import { CostOverTime } from './cost-over-time';
import { JobsTable } from './jobs-table';
import { RealisedSaving } from './realised-saving';
import { totalSaving, totalUsd, unreadJobsText } from './partial-totals';

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** Headline cards for the project and the jobs table; fetches its own data. */
export async function ProjectOverview({
  request,
  query,
}: {
  request: OverviewRequest;
  query: string;
}) {
  const overview = await getProjectOverview(request);
  const mtd = overview.monthToDate;
  const book = overview.priceBook;
  const { totals } = overview;
  const unread = unreadJobsText(totals);
  const partly = (note: string) => (unread ? `${note}; ${unread}` : note);
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted">
        Project {overview.projects.join(', ')} · {overview.regions.join(', ')} ·{' '}
        {day.format(overview.startMs)} – {day.format(overview.endMs)} ({formatDays(overview.days)})
        · {book.label}
        {book.estimate ? ' (estimate)' : ''}, as of {book.asOf}
      </p>
      <CostOverTime overview={overview} query={query} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" data-testid="project-totals">
        <Card>
          <Stat
            label="Month to date"
            value={mtd ? formatUsd(mtd.meteredCostUsd) : '—'}
            note={
              mtd
                ? `metered by Google since ${day.format(mtd.startMs)}`
                : 'allocation time could not be read'
            }
          />
        </Card>
        <Card>
          <Stat
            label="Projected this month"
            value={mtd ? formatUsd(mtd.projectedMonthlyUsd) : '—'}
            note={
              mtd
                ? `at the rate of the first ${formatDays(mtd.elapsedDays)} of ${mtd.daysInMonth}`
                : undefined
            }
          />
        </Card>
        <Card>
          <Stat
            label={`Waste, ${formatDays(overview.days)}`}
            value={totalUsd(totals.wasteUsd, totals)}
            note={partly(`${totalSaving(totals)} at the recommended limits`)}
          />
        </Card>
        <Card>
          <RealisedSaving />
        </Card>
        <Card>
          <Stat
            label={`Failure cost, ${formatDays(overview.days)}`}
            value={totalUsd(totals.failureCostUsd, totals)}
            note={partly(`of ${totalUsd(totals.costUsd, totals)} in all`)}
          />
        </Card>
      </div>
      {overview.warnings.length > 0 ? (
        <section
          role="status"
          aria-labelledby="overview-partial"
          className="rounded border border-warning p-3 text-sm"
        >
          <h2 id="overview-partial" className="font-medium text-warning">
            Partial data
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {overview.warnings.slice(0, 5).map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <Card title="Jobs">
        <JobsTable
          rows={overview.rows}
          days={overview.days}
          query={query}
          defaultProject={overview.project}
        />
      </Card>
    </div>
  );
}
