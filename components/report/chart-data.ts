/**
 * Turns a job report into the ready-made arrays the chart components draw. Runs on the server:
 * every figure here is read from the report, none is priced or estimated again.
 */
import type { ChartBin, JobReport, TierReport } from '@/lib/domain/report/types';
import { formatSeconds } from '@/lib/format';

export const SERIES_COLOURS = [
  '--chart-1',
  '--chart-2',
  '--chart-3',
  '--chart-4',
  '--chart-5',
] as const;
export const UNCLASSIFIED_COLOUR = '--chart-muted';

export type SeriesSpec = { readonly key: string; readonly label: string; readonly colour: string };
export type ReferenceMark = {
  readonly at: string;
  readonly label: string;
  readonly kind: 'current' | 'recommended';
  /** Which side of its line the label is written on. */
  readonly side: 'left' | 'right';
};
export type HistogramBar = {
  readonly bin: string;
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
};
export type Histogram = {
  readonly bars: readonly HistogramBar[];
  readonly marks: readonly ReferenceMark[];
  readonly total: number;
};

/** One colour per tier in policy order, grey for unclassified: the same in every chart. */
export function tierSeries(report: JobReport): SeriesSpec[] {
  const tiers = report.tiers.map((tier, index) => ({
    key: tier.id,
    label: tier.label,
    colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
  }));
  return report.unclassified.executions > 0
    ? [...tiers, { key: 'unclassified', label: 'Unclassified', colour: UNCLASSIFIED_COLOUR }]
    : tiers;
}

export type CostDay = { readonly day: string } & Readonly<Record<string, number | string>>;

/** Cost per UTC day with one number per series (0 when a tier ran nothing that day). */
export function costByDay(report: JobReport): { data: CostDay[]; series: SeriesSpec[] } {
  const series = tierSeries(report);
  const data = report.costByDay.map((day) => {
    const row: Record<string, number | string> = { day: day.day };
    for (const s of series) row[s.key] = day.values[s.key] ?? 0;
    return row as CostDay;
  });
  return { data, series };
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

function bars(bins: readonly ChartBin[], label: (bin: ChartBin) => string): HistogramBar[] {
  return bins.map((bin) => ({
    bin: label(bin),
    lower: bin.lower,
    upper: bin.upper,
    count: bin.count,
  }));
}

/** The bar a value falls in (the last one for a value at or past the top edge). */
export function binLabelFor(value: number, list: readonly HistogramBar[]): string | null {
  if (list.length === 0 || !Number.isFinite(value)) return null;
  const found = list.find((bar) => value >= bar.lower && value < bar.upper);
  return (found ?? (value < list[0]!.lower ? list[0]! : list[list.length - 1]!)).bin;
}

function mark(
  value: number | null | undefined,
  list: HistogramBar[],
  kind: ReferenceMark['kind'],
  label: string,
): ReferenceMark[] {
  if (value === null || value === undefined) return [];
  const at = binLabelFor(value, list);
  if (at === null) return [];
  // A label in the right half is written leftwards from its line, so the chart's edge never cuts it.
  const index = list.findIndex((bar) => bar.bin === at);
  return [{ at, label, kind, side: index >= list.length / 2 ? 'left' : 'right' }];
}

const total = (list: readonly HistogramBar[]) => list.reduce((sum, bar) => sum + bar.count, 0);

/** Peak memory as a share of the limit; the recommended limit drawn where it falls against today's. */
export function memoryHistogram(tier: TierReport): Histogram {
  const list = bars(
    tier.histograms.peakMemoryFraction,
    (bin) => `${percent(bin.lower)}–${percent(bin.upper)}`,
  );
  const current = tier.currentLimits;
  const recommended = tier.recommendation?.recommended;
  const ratio = current && recommended ? recommended.memoryBytes / current.memoryBytes : null;
  return {
    bars: list,
    total: total(list),
    marks: [
      ...mark(current ? 0.999 : null, list, 'current', 'current limit (100%)'),
      ...mark(
        ratio,
        list,
        'recommended',
        `recommended (${ratio === null ? '' : percent(ratio)} of today's)`,
      ),
    ],
  };
}

/** Mean CPU use as a share of the vCPU limit, with the recommended vCPU against today's. */
export function cpuHistogram(tier: TierReport): Histogram {
  const list = bars(
    tier.histograms.cpuUtilisation,
    (bin) => `${percent(bin.lower)}–${percent(bin.upper)}`,
  );
  const current = tier.currentLimits;
  const recommended = tier.recommendation?.recommended;
  const ratio = current && recommended ? recommended.vcpu / current.vcpu : null;
  return {
    bars: list,
    total: total(list),
    marks: [
      ...mark(current ? 0.999 : null, list, 'current', `${current?.vcpu ?? ''} vCPU today (100%)`),
      ...(ratio !== null && ratio < 1
        ? mark(ratio, list, 'recommended', `${recommended!.vcpu} vCPU recommended`)
        : []),
    ],
  };
}

const seconds = formatSeconds;

/** "0–2 min", "2–4 min": both edges in the unit of the bin width, the unit written once. */
export function durationBinLabel(lower: number, upper: number): string {
  const width = upper - lower;
  const [unit, size] = width >= 3600 ? ['h', 3600] : width >= 60 ? ['min', 60] : ['s', 1];
  const edge = (value: number) => String(Number((value / size).toFixed(2)));
  return `${edge(lower)}–${edge(upper)} ${unit}`;
}

/** Execution durations against the per-attempt timeout in force and the recommended one. */
export function durationHistogram(tier: TierReport): Histogram {
  const list = bars(tier.histograms.durationSeconds, (bin) =>
    durationBinLabel(bin.lower, bin.upper),
  );
  const timeout = tier.currentLimits?.timeoutSeconds;
  const recommended = tier.recommendation?.recommended.timeoutSeconds;
  return {
    bars: list,
    total: total(list),
    marks: [
      ...mark(timeout, list, 'current', `timeout ${timeout === undefined ? '' : seconds(timeout)}`),
      ...(recommended !== undefined && recommended !== timeout
        ? mark(recommended, list, 'recommended', `recommended timeout ${seconds(recommended)}`)
        : []),
    ],
  };
}

export type ScatterSeries = SeriesSpec & {
  readonly points: readonly { inputMb: number; durationSeconds: number }[];
};

const tenth = (value: number) => Math.round(value * 10) / 10;

/** Input size against duration, one series per tier that has points. */
export function sizeDurationSeries(report: JobReport): ScatterSeries[] {
  const sources = [...report.tiers, report.unclassified];
  return tierSeries(report)
    .map((spec) => {
      const tier = sources.find((t) =>
        spec.key === 'unclassified' ? t === report.unclassified : t.id === spec.key,
      );
      // To a tenth of a MB and of a second, far below a pixel: sums of sizes such as
      // 173.70000000000005 would otherwise travel to the browser digit by digit.
      const points = (tier?.scatter.points ?? []).map((p) => ({
        inputMb: tenth(p.inputMb),
        durationSeconds: tenth(p.durationSeconds),
      }));
      return { ...spec, points };
    })
    .filter((series) => series.points.length > 0);
}

export type SizeBand = {
  readonly tier: string;
  readonly fromMb: number;
  readonly toMb: number;
  readonly executions: number;
  readonly medianSeconds: number;
  readonly slowestSeconds: number;
};

/**
 * The scatter as a table: each tier's sampled executions split by input size into up to four bands
 * of equal count, with the median and slowest duration of each — the relationship the chart shows,
 * in a few rows a screen reader can take in, every sampled execution counted.
 */
export function sizeDurationBands(series: readonly ScatterSeries[], bands = 4): SizeBand[] {
  return series.flatMap((s) => {
    const sorted = [...s.points].sort((a, b) => a.inputMb - b.inputMb);
    const count = Math.min(bands, sorted.length);
    return Array.from({ length: count }, (_, band) => {
      const slice = sorted.slice(
        Math.floor((band * sorted.length) / count),
        Math.floor(((band + 1) * sorted.length) / count),
      );
      const durations = slice.map((p) => p.durationSeconds).sort((a, b) => a - b);
      const middle = (durations.length - 1) / 2;
      return {
        tier: s.label,
        fromMb: slice[0]!.inputMb,
        toMb: slice.at(-1)!.inputMb,
        executions: slice.length,
        medianSeconds: (durations[Math.floor(middle)]! + durations[Math.ceil(middle)]!) / 2,
        slowestSeconds: durations.at(-1)!,
      };
    });
  });
}

export type CurvePoint = {
  readonly vcpu: number;
  readonly monthlyCostUsd: number;
  readonly p95Seconds: number;
  readonly memoryGiB: number;
  readonly recommended: boolean;
  readonly current: boolean;
};

/** The engine's projection at every valid vCPU, marking the recommended and today's vCPU. */
export function costCurve(tier: TierReport): CurvePoint[] {
  const recommendation = tier.recommendation;
  if (!recommendation) return [];
  return recommendation.curve.map((point) => ({
    vcpu: point.vcpu,
    monthlyCostUsd: point.monthlyCostUsd,
    p95Seconds: point.p95Seconds,
    memoryGiB: point.memoryBytes / 2 ** 30,
    recommended: point.vcpu === recommendation.recommended.vcpu,
    current: point.vcpu === recommendation.current.vcpu,
  }));
}
