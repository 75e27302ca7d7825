import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { overviewTotals, type JobRow, type ProjectOverview } from '@/lib/data/overview';
import { CostOverTime } from './cost-over-time';
import { JobsTable } from './jobs-table';
import { totalSaving, totalUsd, unreadJobsText } from './partial-totals';

const text = (html: string) =>
  html
    .replace(/<title>[^<]*<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

const limits = { vcpu: 2, memoryBytes: 4 * 2 ** 30, timeoutSeconds: 600 };
const read: JobRow = {
  job: 'reel-stitching-job',
  project: 'tierwise-demo',
  region: 'europe-west1',
  ...limits,
  executions: 120,
  costUsd: 4.1,
  failureCostUsd: 0.5,
  wasteUsd: 1.25,
  monthlySavingUsd: 2,
  costByDay: [
    { day: '2026-11-01', costUsd: 2 },
    { day: '2026-11-02', costUsd: 2.1 },
  ],
  verdicts: [{ tierId: 'small', label: 'Small', kind: 'over-provisioned', executions: 120 }],
  problem: null,
  partial: false,
};
const unread = (job: string): JobRow => ({
  job,
  project: 'tierwise-demo',
  region: 'europe-west1',
  ...limits,
  executions: null,
  costUsd: null,
  failureCostUsd: null,
  wasteUsd: null,
  monthlySavingUsd: null,
  costByDay: [],
  verdicts: [],
  problem: 'Google Cloud did not answer; try again in a minute',
  partial: false,
});

function overviewOf(rows: JobRow[]): ProjectOverview {
  return { rows, totals: overviewTotals(rows), days: 30 } as unknown as ProjectOverview;
}

describe('the overview when some jobs could not be read', () => {
  const rows = [read, unread('thumbnail-job'), unread('audio-job')];
  const overview = overviewOf(rows);

  it('writes the totals as lower bounds and counts the unread jobs', () => {
    expect(totalUsd(overview.totals.costUsd, overview.totals)).toBe('at least $4.10');
    expect(totalSaving(overview.totals)).toBe('at least $2.00/mo to save');
    expect(unreadJobsText(overview.totals)).toBe('2 jobs could not be read');
    const html = text(renderToStaticMarkup(<CostOverTime overview={overview} query="" />));
    expect(html).toContain('Waste (paid for, not used) at least $1.25');
    expect(html).toContain('Failure cost (failed attempts) at least $0.50');
    expect(html).toContain('All billed cost at least $4.10');
    expect(html).toContain('Partial: 2 jobs could not be read');
    expect(html).toContain('at least $4.10 over 30 days (2 jobs could not be read; not drawn)');
    expect(html).not.toContain('$0.00');
  });

  it('shows every figure of an unread job as "—" with the reason, never as zero', () => {
    const markup = renderToStaticMarkup(
      <JobsTable rows={rows} days={30} query="" defaultProject="tierwise-demo" />,
    );
    const row = /<tr[^>]*data-job="thumbnail-job"[^]*?<\/tr>/.exec(markup)![0];
    expect(text(row)).toContain('Not read: Google Cloud did not answer; try again in a minute');
    expect(text(row)).toContain('not read');
    expect(text(row)).not.toMatch(/\$|\b0\b|no executions/);
    // Executions, failure cost, waste, saving and cost: five cells, each "—" with the reason.
    expect(row.match(/data-unread=""/g)).toHaveLength(5);
    expect(row.match(/title="Google Cloud did not answer; try again in a minute"/g)).toHaveLength(
      5,
    );
    const readRow = /<tr[^>]*data-job="reel-stitching-job"[^]*?<\/tr>/.exec(markup)![0];
    expect(text(readRow)).toContain('$4.10');
    expect(readRow).not.toContain('data-unread');
  });

  it('says "—" rather than $0.00 when no job could be read, and nothing partial when all were', () => {
    const none = overviewOf([unread('thumbnail-job')]);
    const html = text(renderToStaticMarkup(<CostOverTime overview={none} query="" />));
    expect(html).toContain('All billed cost —');
    expect(html).not.toContain('$0.00');
    const all = overviewOf([read]);
    expect(unreadJobsText(all.totals)).toBeNull();
    const whole = text(renderToStaticMarkup(<CostOverTime overview={all} query="" />));
    expect(whole).toContain('All billed cost $4.10');
    expect(whole).not.toContain('at least');
  });

  it('draws the read job as stacked bars on the server, with a legend', () => {
    const markup = renderToStaticMarkup(<CostOverTime overview={overview} query="" />);
    expect(markup.match(/<rect[^>]*data-chart-bar="job0"/g)).toHaveLength(2);
    expect(markup).toContain('<title>2026-11-02 · reel-stitching-job: $2.10</title>');
    expect(markup).toMatch(
      /role="img" aria-label="Cost per day by job, stacked: reel-stitching-job"/,
    );
  });
});
