import { describe, expect, it } from 'vitest';
import {
  binLabelFor,
  costByDay,
  costCurve,
  cpuHistogram,
  durationBinLabel,
  durationHistogram,
  memoryHistogram,
  sizeDurationBands,
  sizeDurationSeries,
} from './chart-data';
import { sampleRecommendation, sampleReport, withRecommendation } from '@/test/support/report-view';

const report = sampleReport();
const recommendation = sampleRecommendation();
const small = withRecommendation(report.tiers[0]!, null);

describe('cost by day', () => {
  it('has a row for every day of the window and one series per tier plus unclassified', () => {
    const { data, series } = costByDay(report);
    expect(data.map((d) => d.day)).toEqual(report.costByDay.map((d) => d.day));
    expect(data).toHaveLength(3);
    expect(series.map((s) => s.key)).toEqual([
      'small',
      'medium',
      'large',
      'xlarge',
      'unclassified',
    ]);
    expect(new Set(series.map((s) => s.colour)).size).toBe(5);
  });

  it('stacks to the report total, with 0 where a tier ran nothing that day', () => {
    const { data, series } = costByDay(report);
    const sum = data.reduce(
      (acc, row) => acc + series.reduce((s, x) => s + Number(row[x.key]), 0),
      0,
    );
    expect(sum).toBeCloseTo(report.totals.costUsd, 10);
    expect(data[0]!.medium).toBe(0);
    expect(Number(data[1]!.medium)).toBeGreaterThan(0);
  });

  it('leaves unclassified out when every execution was classified', () => {
    const clean = { ...report, unclassified: { ...report.unclassified, executions: 0 } };
    expect(costByDay(clean).series.map((s) => s.key)).not.toContain('unclassified');
  });
});

describe('distributions', () => {
  it('puts a value in the bar whose range holds it, and an edge value in the upper bar', () => {
    const bars = [
      { bin: 'a', lower: 0, upper: 0.5, count: 1 },
      { bin: 'b', lower: 0.5, upper: 1, count: 1 },
    ];
    expect(binLabelFor(0.5, bars)).toBe('b');
    expect(binLabelFor(1.7, bars)).toBe('b');
    expect(binLabelFor(-1, bars)).toBe('a');
    expect(binLabelFor(Number.NaN, bars)).toBeNull();
    expect(binLabelFor(0.2, [])).toBeNull();
  });

  it('counts every execution with a figure and marks only the current limit without a recommendation', () => {
    const memory = memoryHistogram(small);
    expect(memory.bars).toHaveLength(20);
    expect(memory.total).toBe(small.peakMemoryFraction.count);
    expect(memory.bars[0]!.bin).toBe('0%–5%');
    expect(memory.marks).toEqual([
      { at: '95%–100%', label: 'current limit (100%)', kind: 'current', side: 'left' },
    ]);
  });

  it('marks the recommended memory where it falls against today’s limit', () => {
    const tier = withRecommendation(
      { ...small, currentLimits: recommendation.current },
      recommendation,
    );
    const ratio = recommendation.recommended.memoryBytes / recommendation.current.memoryBytes;
    expect(ratio).toBeLessThan(1);
    const marked = memoryHistogram(tier).marks.find((m) => m.kind === 'recommended');
    const lower = Math.floor(ratio * 20) * 5;
    expect(marked?.at).toBe(`${lower}%–${lower + 5}%`);
  });

  it('marks the timeout on the duration bars and the vCPU on the CPU bars', () => {
    const duration = durationHistogram(small);
    expect(duration.total).toBe(30);
    expect(duration.marks).toHaveLength(1);
    expect(duration.marks[0]!.label).toBe('timeout 15 min');
    expect(duration.marks[0]!.at).toBe(duration.bars.at(-1)!.bin);
    expect(cpuHistogram(small).marks[0]!.label).toBe('2 vCPU today (100%)');
  });
});

describe('size against duration', () => {
  it('gives one coloured series per tier that has points; unreadable payloads have no size', () => {
    const series = sizeDurationSeries(report);
    expect(series.map((s) => [s.key, s.points.length])).toEqual([
      ['small', 30],
      ['medium', 5],
    ]);
    expect(series[0]!.points[0]).toEqual({ inputMb: 40, durationSeconds: 60 });
  });

  it('reads as up to four input-size bands a tier, every sampled execution counted once', () => {
    const spec = { key: 'large', label: 'Large', colour: '#000' };
    const points = [120, 80, 10, 40, 30, 20, 70, 60, 50].map((inputMb) => ({
      inputMb,
      durationSeconds: inputMb * 2,
    }));
    const bands = sizeDurationBands([{ ...spec, points }]);
    expect(bands.map((b) => [b.fromMb, b.toMb, b.executions])).toEqual([
      [10, 20, 2],
      [30, 40, 2],
      [50, 60, 2],
      [70, 120, 3],
    ]);
    expect(bands[3]).toMatchObject({ tier: 'Large', medianSeconds: 160, slowestSeconds: 240 });
    expect(bands[0]!.medianSeconds).toBe(30);
    const few = sizeDurationBands([{ ...spec, points: points.slice(0, 2) }]);
    expect(few.map((b) => b.executions)).toEqual([1, 1]);
    const report30 = sizeDurationBands(sizeDurationSeries(report));
    expect(report30.filter((b) => b.tier === 'Small').reduce((n, b) => n + b.executions, 0)).toBe(
      30,
    );
  });
});

describe('cost curve', () => {
  it('is empty when the tier has no recommendation', () => {
    expect(costCurve(small)).toEqual([]);
  });

  it('has one point per valid vCPU with the recommended and current one marked', () => {
    const curve = costCurve(withRecommendation(small, recommendation));
    expect(curve.map((p) => p.vcpu)).toEqual(recommendation.curve.map((p) => p.vcpu));
    expect(curve.filter((p) => p.recommended).map((p) => p.vcpu)).toEqual([
      recommendation.recommended.vcpu,
    ]);
    expect(curve.filter((p) => p.current).map((p) => p.vcpu)).toEqual([2]);
    expect(curve.every((p) => p.monthlyCostUsd > 0 && p.p95Seconds > 0)).toBe(true);
  });
});

describe('duration bins read in round human units', () => {
  it.each([
    [0, 120, '0–2 min'],
    [120, 240, '2–4 min'],
    [0, 5, '0–5 s'],
    [30, 60, '30–60 s'],
    [3600, 7200, '1–2 h'],
  ])('%s–%s s → %s', (lower, upper, label) => {
    expect(durationBinLabel(lower, upper)).toBe(label);
  });

  it('writes a label near the right edge leftwards, one near the left edge rightwards', () => {
    const tier = withRecommendation(small, recommendation);
    const marks = durationHistogram(tier).marks;
    const bars = durationHistogram(tier).bars.map((bar) => bar.bin);
    for (const mark of marks) {
      const index = bars.indexOf(mark.at);
      expect(mark.side, mark.label).toBe(index >= bars.length / 2 ? 'left' : 'right');
    }
  });
});
