import { ScatterPlot, StackedBarChart } from '@/components/charts/lazy-charts';
import { loadReportView, type ReportViewRequest } from '@/lib/data/report-view';
import { formatCount, formatUsd } from '@/lib/format';
import { ChartFigure } from './chart-figure';
import { costByDay, sizeDurationBands, sizeDurationSeries } from './chart-data';
import { formatSeconds } from './recommendation-wording';

/** The whole job's charts: cost per day stacked by tier, and input size against duration. */
export async function JobCharts({ request }: { request: ReportViewRequest }) {
  const { report } = await loadReportView(request);
  const daily = costByDay(report);
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
        <StackedBarChart data={daily.data} series={daily.series} xKey="day" unit="usd" />
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
        <ScatterPlot series={scatter} />
      </ChartFigure>
    </div>
  );
}
