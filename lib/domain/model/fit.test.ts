import { describe, expect, it } from 'vitest';
import { fitDurationModel } from './fit';
import { projectDurations } from './project';
import type { DurationSample } from './types';

/** A deterministic spread of input sizes and a small multiplicative wobble, no randomness. */
function amdahlRuns(
  vcpu: number,
  count: number,
  parallelFraction: number,
  wobble = 0.05,
): DurationSample[] {
  return Array.from({ length: count }, (_, k) => {
    const inputMb = 20 + ((k * 37) % 80);
    const oneVcpuSeconds = 1.2 * inputMb;
    const noise = 1 + wobble * Math.sin(k * 12.9898);
    const q = parallelFraction;
    return { vcpu, inputMb, durationSeconds: oneVcpuSeconds * (1 - q + q / vcpu) * noise };
  });
}

describe('fitDurationModel', () => {
  it.each([
    { name: 'no executions', samples: [] as DurationSample[] },
    {
      name: 'only unusable values',
      samples: [
        { vcpu: 2, durationSeconds: NaN },
        { vcpu: -1, durationSeconds: 30 },
        { vcpu: 2, durationSeconds: -4 },
      ],
    },
  ])('knows nothing from $name', ({ samples }) => {
    const model = fitDurationModel(samples);
    expect(model.basis).toBe('none');
    expect(model.samples).toBe(0);
    expect(projectDurations(model, 2).p50Seconds).toBeNaN();
  });

  it('leaves out NaN, negative and zero durations and says so', () => {
    const model = fitDurationModel([
      ...amdahlRuns(2, 20, 0.8),
      { vcpu: 2, durationSeconds: NaN },
      { vcpu: 2, durationSeconds: 0 },
      { vcpu: NaN, durationSeconds: 10 },
    ]);
    expect(model.samples).toBe(20);
    expect(model.notes.join(' ')).toMatch(/3 runs without a usable duration/);
  });

  it.each([0, 0.3, 0.6, 0.9])(
    'measures a parallel fraction of %s from runs at two vCPU values',
    (q) => {
      const model = fitDurationModel([...amdahlRuns(2, 200, q), ...amdahlRuns(4, 200, q)]);
      expect(model.basis).toBe('vcpu-history');
      expect(model.parallelFraction.estimate).toBeCloseTo(q, 1);
      expect(model.parallelFraction.low).toBeLessThanOrEqual(q + 1e-9);
      expect(model.parallelFraction.high).toBeGreaterThanOrEqual(q - 1e-9);
      expect(model.sizeExponent).toBeCloseTo(1, 1);
    },
  );

  it('needs enough runs at each vCPU value before it trusts the comparison', () => {
    const runs = [...amdahlRuns(2, 100, 0.8), ...amdahlRuns(4, 5, 0.8)];
    expect(fitDurationModel(runs).basis).not.toBe('vcpu-history');
    expect(fitDurationModel(runs, { minSamplesPerVcpu: 5 }).basis).toBe('vcpu-history');
  });

  it('fits without the size covariate when some sizes are unknown', () => {
    const runs = [...amdahlRuns(2, 100, 0.7), ...amdahlRuns(8, 100, 0.7)].map((s, k) =>
      k === 3 ? { ...s, inputMb: undefined } : s,
    );
    const model = fitDurationModel(runs);
    expect(model.sizeExponent).toBeNull();
    expect(model.parallelFraction.estimate).toBeCloseTo(0.7, 1);
  });

  it('bounds the parallel fraction from utilisation when only one vCPU value ran', () => {
    // At 2 vCPU, 70 % busy: P lies between 0.8·T and 1.4·T, i.e. q between 0.57 and 0.82.
    const runs = amdahlRuns(2, 50, 0.7).map((s) => ({
      ...s,
      cpuUtilisation: 0.7,
      cpuSource: 'sliced' as const,
    }));
    const model = fitDurationModel(runs);
    expect(model.basis).toBe('utilisation');
    // Overhead that grows with vCPU would look the same, so nothing bounds q from below.
    expect(model.parallelFraction.low).toBe(0);
    expect(model.parallelFraction.estimate).toBeCloseTo((0.571 + 0.824) / 2, 2);
    expect(model.parallelFraction.high).toBeCloseTo(0.824 + 0.05, 2);
  });

  it('widens the utilisation range to zero when utilisation is only an upper bound', () => {
    const runs = amdahlRuns(2, 50, 0.7).map((s) => ({
      ...s,
      cpuUtilisation: 0.7,
      cpuSource: 'ambiguous' as const,
    }));
    const model = fitDurationModel(runs);
    expect(model.basis).toBe('utilisation');
    expect(model.parallelFraction.low).toBe(0);
    expect(model.notes.join(' ')).toMatch(/upper bound/);
  });

  it('keeps timed-out runs as lower bounds and out of the fit', () => {
    const runs = [...amdahlRuns(2, 100, 0.5), { vcpu: 2, durationSeconds: 600, censored: true }];
    const model = fitDurationModel(runs);
    expect(model.samples).toBe(101);
    expect(model.censoredSamples).toBe(1);
    expect(model.groups[0]?.sortedSeconds.length).toBe(100);
  });
});
