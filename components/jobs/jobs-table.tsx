import type { JobSummary } from '@/lib/data/overview';
import { formatCount, formatUsd } from '@/lib/format';

const GIB = 2 ** 30;

export function JobsTable({ jobs, days }: { jobs: readonly JobSummary[]; days: number }) {
  if (jobs.length === 0) {
    return <p className="text-sm text-muted">This project has no Cloud Run jobs in this region.</p>;
  }
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Cloud Run jobs over the last {days} days</caption>
      <thead className="text-left text-muted">
        <tr className="border-b border-border">
          <th scope="col" className="py-2 pr-4 font-medium">Job</th>
          <th scope="col" className="py-2 pr-4 font-medium">Limits</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Executions ({days} d)</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Failed</th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">Running</th>
          <th scope="col" className="py-2 text-right font-medium">Metered cost</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {jobs.map((job) => (
          <tr key={job.job} className="border-b border-border" data-job={job.job}>
            <th scope="row" className="py-2 pr-4 text-left font-medium">
              {job.job}
            </th>
            <td className="py-2 pr-4">
              {job.vcpu} vCPU · {(job.memoryBytes / GIB).toLocaleString('en-US')} GiB ·{' '}
              {job.timeoutSeconds} s
            </td>
            <td className="py-2 pr-4 text-right">{formatCount(job.executions)}</td>
            <td className="py-2 pr-4 text-right">{formatCount(job.failed)}</td>
            <td className="py-2 pr-4 text-right">{formatCount(job.running)}</td>
            <td className="py-2 text-right">{formatUsd(job.meteredCostUsd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
