import { Suspense } from 'react';
import { Card, Stat } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import {
  startProjectOverview,
  type OverviewRequest,
  type OverviewStream,
  type RowBatch,
} from '@/lib/data/overview';
import { formatCount, formatDays, formatUsd } from '@/lib/format';
import { CostOverTime } from './cost-over-time';
import { JobRows, JobsTableFrame, NoJobs, PendingRows } from './jobs-table';
import { RealisedSaving } from './realised-saving';
import { totalSaving, totalUsd, unreadJobsText } from './partial-totals';

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * The project's jobs as they are read: the header at once, each group of rows as soon as its jobs
 * are read (those whose ledger is fresh first, then each batch of ledgers synced), and the
 * headline figures once every row is in.
 */
export async function ProjectOverview({
  request,
  query,
}: {
  request: OverviewRequest;
  query: string;
}) {
  const stream = await startProjectOverview(request);
  const { head } = stream;
  const book = head.priceBook;
  const jobs = `${formatCount(head.jobs)} ${head.jobs === 1 ? 'job' : 'jobs'}`;
  const table = (
    <Card title="Jobs">
      <StreamedJobs stream={stream} query={query} />
    </Card>
  );
  // Rows come in ahead of the headline figures only while ledgers sync (that can take a while);
  // read from the store, both appear together, so nothing on screen moves under the reader.
  const syncing = stream.batches.some((batch) => batch.syncing);
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted">
        Project {head.projects.join(', ')} · {head.regions.join(', ')} · {day.format(head.startMs)}{' '}
        – {day.format(head.endMs)} ({formatDays(head.days)}) · {book.label}
        {book.estimate ? ' (estimate)' : ''}, as of {book.asOf}
      </p>
      {syncing ? (
        <>
          <Suspense
            fallback={
              <Skeleton label={`Adding up ${jobs}; the rows below come in as each is read…`} />
            }
          >
            <OverviewSummary stream={stream} query={query} />
          </Suspense>
          {table}
        </>
      ) : (
        <Suspense fallback={<Skeleton label={`Adding up ${jobs}…`} />}>
          <div className="space-y-6">
            <OverviewSummary stream={stream} query={query} />
            {table}
          </div>
        </Suspense>
      )}
    </div>
  );
}

/** The jobs table: one `Suspense` boundary per batch of rows. */
export function StreamedJobs({ stream, query }: { stream: OverviewStream; query: string }) {
  const { head } = stream;
  if (head.jobs === 0) return <NoJobs />;
  const caption =
    stream.batches.length > 1
      ? 'in groups as they are read (jobs read from the execution ledger first, then those synced), the biggest saving first in each group'
      : 'the biggest saving first';
  return (
    <JobsTableFrame days={head.days} caption={caption}>
      {stream.batches.map((batch, index) => (
        <Suspense key={index} fallback={<PendingRows jobs={batch.jobs} syncing={batch.syncing} />}>
          <BatchRows
            batch={batch}
            query={query}
            defaultProject={head.project}
            manyProjects={head.projects.length > 1}
          />
        </Suspense>
      ))}
    </JobsTableFrame>
  );
}

async function BatchRows({
  batch,
  ...props
}: {
  batch: RowBatch;
  query: string;
  defaultProject: string;
  manyProjects: boolean;
}) {
  return <JobRows rows={await batch.rows} {...props} />;
}

/** Headline cards for the project, once every row is read. */
async function OverviewSummary({ stream, query }: { stream: OverviewStream; query: string }) {
  const overview = await stream.complete;
  const mtd = overview.monthToDate;
  const { totals } = overview;
  const unread = unreadJobsText(totals);
  const partly = (note: string) => (unread ? `${note}; ${unread}` : note);
  return (
    <div className="space-y-6">
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
    </div>
  );
}
