import { ScatterPlot, StackedBarChart } from '@/components/charts/lazy-charts';
import Link from 'next/link';
import { readAppliedChanges } from '@/lib/changes/verify/app-applied';
import type { AppliedChangeSummary } from '@/lib/changes/verify/applied';
import { loadReportView, type ReportViewRequest } from '@/lib/data/report-view';
import { formatCount, formatUsd } from '@/lib/format';
import { changeMarkers, type ChangeMarker } from './change-markers';
import { ChartFigure } from './chart-figure';
import { costByDay, sizeDurationBands, sizeDurationSeries } from './chart-data';
import { formatSeconds } from './recommendation-wording';

/** The job's applied changes with their verdicts; a failure is said, never thrown. */
async function readApplied(
  request: ReportViewRequest,
): Promise<{ changes: AppliedChangeSummary[]; problem: string | null }> {
  try {
    const changes = await readAppliedChanges({
      job: request.job,
      ...(request.region !== undefined && { region: request.region }),
      ...(request.project !== undefined && { project: request.project }),
    });
    return { changes, problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { changes: [], problem: `Applied changes could not be read: ${message}` };
  }
}

/** Each applied change of the days shown, linked, with its verdict: the markers, as text. */
function AppliedChanges({ markers, problem }: { markers: ChangeMarker[]; problem: string | null }) {
  if (problem) return <p className="text-xs text-warning">{problem}</p>;
  if (markers.length === 0) return null;
  return (
    <ul className="grid gap-1 text-xs" aria-label="Changes applied in this window">
      {markers.flatMap((marker) =>
        marker.changes.map((change) => (
          <li key={change.id}>
            {marker.day}:{' '}
            <Link href={change.href} className="text-accent underline">
              {change.text}
            </Link>
          </li>
        )),
      )}
    </ul>
  );
}

/** The whole job's charts: cost per day stacked by tier, and input size against duration. */
export async function JobCharts({ request }: { request: ReportViewRequest }) {
  const { report } = await loadReportView(request);
  // After the report: its read brought the ledger up to date, which the verdicts are read from.
  const read = await readApplied(request);
  const daily = costByDay(report);
  const applied = {
    markers: changeMarkers(
      daily.data.map((row) => row.day),
      read.changes,
    ),
    problem: read.problem,
  };
  const scatter = sizeDurationSeries(report);
  const dayColumns = [
    { key: 'day', label: 'Day (UTC)' },
    ...daily.series.map((s) => ({ key: s.key, label: s.label, numeric: true })),
  ];
  const dayRows = daily.data.map((row) =>
    Object.fromEntries(
      dayColumns.map((c) => [
        c.key,
        c.key === 'day' ? String(row.day) : formatUsd(Number(row[c.key])),
      ]),
    ),
  );
  const sampled = scatter.reduce((sum, s) => sum + s.points.length, 0);
  const scatterRows = sizeDurationBands(scatter).map((band) => ({
    tier: band.tier,
    input: `${formatCount(band.fromMb)}–${formatCount(band.toMb)} MB`,
    executions: formatCount(band.executions),
    median: formatSeconds(band.medianSeconds),
    slowest: formatSeconds(band.slowestSeconds),
  }));
  return (
    <div className="grid gap-6">
      <ChartFigure
        id="cost-by-day"
        title="Cost per day by tier"
        summary={`Every attempt's billed cost, by the UTC day the execution started; ${formatUsd(report.totals.costUsd)} in all.`}
        columns={dayColumns}
        rows={dayRows}
      >
        <StackedBarChart
          data={daily.data}
          series={daily.series}
          xKey="day"
          unit="usd"
          markers={applied.markers.map((marker) => ({
            x: marker.day,
            label: marker.label,
            href: marker.href,
            tone: marker.tone,
          }))}
        />
        <AppliedChanges {...applied} />
      </ChartFigure>
      <ChartFigure
        id="size-duration"
        title="Input size against duration"
        summary={`A repeatable sample of ${formatCount(sampled)} executions, coloured by tier.`}
        columns={[
          { key: 'tier', label: 'Tier' },
          { key: 'input', label: 'Input size band', numeric: true },
          { key: 'executions', label: 'Sampled executions', numeric: true },
          { key: 'median', label: 'Median duration', numeric: true },
          { key: 'slowest', label: 'Slowest', numeric: true },
        ]}
        rows={scatterRows}
      >
        <ScatterPlot
          series={scatter.map((s) => ({
            ...s,
            points: s.points.map((p) => [p.inputMb, p.durationSeconds] as const),
          }))}
        />
      </ChartFigure>
    </div>
  );
}
