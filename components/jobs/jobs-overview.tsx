import { Card, Stat } from '@/components/ui/card';
import { JobsTable } from '@/components/jobs/jobs-table';
import { getJobsOverview } from '@/lib/data/overview';
import { formatUsd } from '@/lib/format';

/** The project's jobs with their executions, failures and metered cost; fetches its own data. */
export async function JobsOverview({ days }: { days: number }) {
  const overview = await getJobsOverview({ days });
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted">
        Project {overview.project} · {overview.region} · last {overview.days} days
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <Stat
            label={`Metered cost, ${overview.days} days`}
            value={formatUsd(overview.totalMeteredCostUsd)}
            note={`allocation_time × ${overview.priceBook.label} (as of ${overview.priceBook.asOf})`}
          />
        </Card>
        <Card>
          <Stat label="Jobs" value={String(overview.jobs.length)} />
        </Card>
        <Card>
          <Stat
            label="Google API calls for this view"
            value={String(overview.googleApiCalls)}
            note="grows with result pages, not with executions"
          />
        </Card>
      </div>
      {overview.warnings.length > 0 ? (
        <div role="status" className="rounded border border-warning p-3 text-sm">
          <strong>Partial data.</strong> {overview.warnings.length} record(s) from Google could not
          be read and were left out:{' '}
          {overview.warnings
            .slice(0, 3)
            .map((w) => `${w.resource} ${w.field} ${w.problem}`)
            .join('; ')}
        </div>
      ) : null}
      <Card title="Jobs">
        <JobsTable jobs={overview.jobs} days={overview.days} />
      </Card>
    </div>
  );
}
