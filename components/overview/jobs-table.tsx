import { reportHref } from './report-href';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { VerdictBadge } from '@/components/report/verdict-badge';
import type { JobRow } from '@/lib/data/overview';
import { formatCount, formatDays, formatLimits, formatUsd } from '@/lib/format';

const num = 'py-2 pr-4 text-right align-top';

/** A figure of the row, or "—" when its report could not be read (the row says why). */
function Figure({
  value,
  format,
  problem,
  className = num,
}: {
  value: number | null;
  format: (value: number) => string;
  problem: string | null;
  className?: string;
}) {
  if (value !== null) return <td className={className}>{format(value)}</td>;
  return (
    <td className={className} title={problem ?? 'not read'} data-unread="">
      <span aria-hidden="true">—</span>
      <span className="sr-only">not read</span>
    </td>
  );
}

type TableProps = {
  days: number;
  query: string;
  /** GOOGLE_CLOUD_PROJECT: its jobs' links name no project, as before several were read. */
  defaultProject: string;
};

/** One row per job, biggest saving first; each links to the job's report with the same view. */
export function JobsTable({ rows, ...props }: TableProps & { rows: readonly JobRow[] }) {
  if (rows.length === 0) return <NoJobs />;
  const manyProjects = rows.some((row) => row.project !== props.defaultProject);
  return (
    <JobsTableFrame days={props.days} caption="the biggest saving first">
      <JobRows
        rows={rows}
        manyProjects={manyProjects}
        query={props.query}
        defaultProject={props.defaultProject}
      />
    </JobsTableFrame>
  );
}

export function NoJobs() {
  return <p className="text-sm text-muted">This project has no Cloud Run jobs in these regions.</p>;
}

/** The table and its header; the rows come as one or more `tbody` groups. */
export function JobsTableFrame({
  days,
  caption,
  children,
}: {
  days: number;
  caption: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Jobs">
      <table className="w-full min-w-[56rem] text-sm">
        <caption className="sr-only">
          Cloud Run jobs over {formatDays(days)}, {caption}
        </caption>
        <thead className="text-left text-muted">
          <tr className="border-b border-border">
            <th scope="col" className="py-2 pr-4 font-medium">
              Job
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Region
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Limits today
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Executions
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Verdict per tier
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Failure cost
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Waste
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Saving / month
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Cost
            </th>
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** One group of rows, in the order given. */
export function JobRows({
  rows,
  query,
  defaultProject,
  manyProjects,
}: Omit<TableProps, 'days'> & { rows: readonly JobRow[]; manyProjects: boolean }) {
  return (
    <tbody className="tabular-nums">
      {rows.map((row) => (
        <tr
          key={`${row.project}/${row.region}/${row.job}`}
          className="border-b border-border"
          data-job={row.job}
          data-region={row.region}
          data-project={row.project}
        >
          <th scope="row" className="py-2 pr-4 text-left align-top font-medium">
            <Link href={reportHref(row, query, defaultProject)} className="text-accent underline">
              {row.job}
            </Link>
            {row.problem ? (
              <div className="text-xs font-normal text-danger" data-row-problem="">
                Not read: {row.problem}
              </div>
            ) : null}
            {row.partial ? (
              <div className="text-xs font-normal text-warning">partial data: see the report</div>
            ) : null}
          </th>
          <td className="py-2 pr-4 align-top">
            {manyProjects ? `${row.project} / ${row.region}` : row.region}
          </td>
          <td className="py-2 pr-4 align-top">{formatLimits(row)}</td>
          <Figure value={row.executions} format={formatCount} problem={row.problem} />
          <td className="py-2 pr-4 align-top">
            <ul
              className="flex flex-wrap gap-1"
              aria-label={`Verdicts for ${row.job} in ${row.region}`}
            >
              {row.verdicts.length === 0 ? (
                <li className="text-muted">{row.problem ? 'not read' : 'no executions'}</li>
              ) : null}
              {row.verdicts.map((v) => (
                <li key={v.tierId}>
                  <VerdictBadge kind={v.kind} tier={v.label} />
                </li>
              ))}
            </ul>
          </td>
          <Figure value={row.failureCostUsd} format={formatUsd} problem={row.problem} />
          <Figure value={row.wasteUsd} format={formatUsd} problem={row.problem} />
          <Figure value={row.monthlySavingUsd} format={formatUsd} problem={row.problem} />
          <Figure
            value={row.costUsd}
            format={formatUsd}
            problem={row.problem}
            className="py-2 text-right align-top"
          />
        </tr>
      ))}
    </tbody>
  );
}

/** Where a group of rows will come: one line saying what is being read. */
export function PendingRows({ jobs, syncing }: { jobs: number; syncing: boolean }) {
  return (
    <tbody aria-busy="true" data-pending-rows={jobs}>
      <tr className="border-b border-border">
        <td colSpan={9} className="py-2 text-muted">
          {syncing
            ? `Syncing the execution ledger of ${formatCount(jobs)} more ${jobs === 1 ? 'job' : 'jobs'}…`
            : `Reading ${formatCount(jobs)} ${jobs === 1 ? 'job' : 'jobs'} from the execution ledger…`}
        </td>
      </tr>
    </tbody>
  );
}
