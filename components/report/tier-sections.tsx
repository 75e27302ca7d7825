import { CostCurveChart, HistogramChart } from '@/components/charts/lazy-charts';
import type { TierReport } from '@/lib/domain/report/types';
import { loadReportView, type ReportViewRequest } from '@/lib/data/report-view';
import { projectLocation } from '@/lib/data/clients';
import { jobPageHref } from '@/components/overview/report-href';
import { formatUsd } from '@/lib/format';
import { ChartFigure } from './chart-figure';
import {
  costCurve,
  cpuHistogram,
  durationHistogram,
  memoryHistogram,
  tierSeries,
  type Histogram,
} from './chart-data';
import { formatSeconds } from './recommendation-wording';
import { RecommendationCard } from './recommendation-card';
import { VerdictBadge } from './verdict-badge';

const BIN_COLUMNS = [
  { key: 'bin', label: 'Range' },
  { key: 'count', label: 'Executions', numeric: true },
];

function histogramRows(histogram: Histogram) {
  return histogram.bars.map((bar) => {
    const marks = histogram.marks.filter((m) => m.at === bar.bin).map((m) => ` (${m.label})`);
    return { bin: `${bar.bin}${marks.join('')}`, count: String(bar.count) };
  });
}

function HistogramFigure(props: {
  id: string;
  title: string;
  summary: string;
  xLabel: string;
  colour: string;
  histogram: Histogram;
}) {
  const { histogram } = props;
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      summary={props.summary}
      columns={BIN_COLUMNS}
      rows={histogramRows(histogram)}
    >
      <HistogramChart
        bars={histogram.bars.map(({ bin, count }) => ({ bin, count }))}
        marks={histogram.marks}
        seriesColour={props.colour}
        xLabel={props.xLabel}
      />
    </ChartFigure>
  );
}

function CurveFigure({ tier }: { tier: TierReport }) {
  const points = costCurve(tier);
  if (points.length === 0) return null;
  const rows = points.map((p) => ({
    vcpu: `${p.vcpu}${p.recommended ? ' (recommended)' : ''}${p.current ? ' (today)' : ''}`,
    cost: formatUsd(p.monthlyCostUsd),
    p95: formatSeconds(p.p95Seconds),
  }));
  const columns = [
    { key: 'vcpu', label: 'vCPU' },
    { key: 'cost', label: 'Monthly cost', numeric: true },
    { key: 'p95', label: 'p95 duration', numeric: true },
  ];
  return (
    <ChartFigure
      id={`curve-${tier.id}`}
      title={`${tier.label}: projected cost and duration by vCPU`}
      summary="The duration model's projection at every valid vCPU value, memory raised where that vCPU needs more."
      columns={columns}
      rows={rows}
    >
      <CostCurveChart points={points} />
    </ChartFigure>
  );
}

function TierSection({
  tier,
  colour,
  proposeHref,
}: {
  tier: TierReport;
  colour: string;
  proposeHref: string;
}) {
  return (
    <section
      aria-labelledby={`tier-${tier.id}`}
      className="space-y-4 rounded-lg border border-border p-4"
      data-tier-section={tier.id}
    >
      <h2
        id={`tier-${tier.id}`}
        className="flex flex-wrap items-center gap-3 text-lg font-semibold"
      >
        {tier.label} <VerdictBadge kind={tier.verdict.kind} />
      </h2>
      <p className="text-sm">{tier.verdict.summary}</p>
      <RecommendationCard tier={tier} proposeHref={proposeHref} />
      {tier.executions === 0 ? (
        <p className="text-sm text-muted">
          No executions of this tier in the window: nothing to chart.
        </p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <HistogramFigure
            id={`mem-${tier.id}`}
            title={`${tier.label}: peak memory`}
            summary="Peak memory per execution as a share of its memory limit."
            xLabel="peak memory, % of limit"
            colour={colour}
            histogram={memoryHistogram(tier)}
          />
          <HistogramFigure
            id={`cpu-${tier.id}`}
            title={`${tier.label}: CPU use`}
            summary="Mean CPU use per execution as a share of its vCPU limit."
            xLabel="CPU use, % of limit"
            colour={colour}
            histogram={cpuHistogram(tier)}
          />
          <HistogramFigure
            id={`dur-${tier.id}`}
            title={`${tier.label}: duration`}
            summary="Execution wall time against the per-attempt timeout."
            xLabel="duration"
            colour={colour}
            histogram={durationHistogram(tier)}
          />
          <CurveFigure tier={tier} />
        </div>
      )}
    </section>
  );
}

/** One section per tier: verdict, recommendation, and its distributions against the limits. */
export async function TierSections({ request }: { request: ReportViewRequest }) {
  const { report } = await loadReportView(request);
  const colours = new Map(tierSeries(report).map((s) => [s.key, s.colour]));
  // The form reads the same window and objective, so it is prefilled with the limits shown here.
  const view = new URLSearchParams({ objective: report.inputs.objective });
  if (request.window.kind === 'days') view.set('days', String(request.window.days));
  const proposeHref = (tier: string) =>
    jobPageHref(
      `/jobs/${encodeURIComponent(report.inputs.job)}/changes/new`,
      `${view}&tier=${encodeURIComponent(tier)}`,
      report.inputs,
      projectLocation(),
    );
  return (
    <div className="space-y-6">
      {report.tiers.map((tier) => (
        <TierSection
          key={tier.id}
          tier={tier}
          colour={colours.get(tier.id) ?? '--chart-1'}
          proposeHref={proposeHref(tier.id)}
        />
      ))}
    </div>
  );
}
