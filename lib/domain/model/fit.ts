/**
 * Fits the duration model of one tier from its finished executions (README.md beside this file).
 * Pure and deterministic; one pass to group and sum, one sort per vCPU value.
 */
import { addCensored } from './censored';
import { addLogSample, emptyLogSums, fitAmdahl, type LogSums } from './amdahl-fit';
import type { DurationGroup, DurationModel, DurationSample, Range } from './types';
import { parallelFractionFromUtilisation } from './utilisation-bounds';

export type FitOptions = {
  /** Uncensored runs each of two vCPU values needs before the scaling is measured from them. */
  readonly minSamplesPerVcpu?: number;
};

export const DEFAULT_MIN_SAMPLES_PER_VCPU = 10;
const UNKNOWN: Range = { estimate: 0.5, low: 0, high: 1 };

function usable(sample: DurationSample): boolean {
  return (
    Number.isFinite(sample.vcpu) &&
    sample.vcpu > 0 &&
    Number.isFinite(sample.durationSeconds) &&
    sample.durationSeconds > 0
  );
}

/** Runs at one vCPU value: uncensored seconds by weight, their weighted count, timeouts by limit. */
type Building = {
  vcpu: number;
  seconds: Map<number, number[]>;
  count: number;
  censored: Map<number, number>;
};

const weightOf = (sample: DurationSample) => sample.weight ?? 1;

function groupByVcpu(samples: readonly DurationSample[]): Building[] {
  const byVcpu = new Map<number, Building>();
  for (const sample of samples) {
    let group = byVcpu.get(sample.vcpu);
    if (!group) {
      group = { vcpu: sample.vcpu, seconds: new Map(), count: 0, censored: new Map() };
      byVcpu.set(sample.vcpu, group);
    }
    const weight = weightOf(sample);
    if (sample.censored) addCensored(group.censored, sample.durationSeconds, weight);
    else {
      let seconds = group.seconds.get(weight);
      if (!seconds) {
        seconds = [];
        group.seconds.set(weight, seconds);
      }
      seconds.push(sample.durationSeconds);
      group.count += weight;
    }
  }
  return [...byVcpu.values()].sort((a, b) => a.vcpu - b.vcpu);
}

function logSums(samples: readonly DurationSample[], vcpus: ReadonlySet<number>) {
  const fitted = samples.filter((s) => !s.censored && vcpus.has(s.vcpu));
  const useSize = fitted.every(
    (s) => s.inputMb !== undefined && s.inputMb > 0 && Number.isFinite(s.inputMb),
  );
  // Centring first keeps the sums of squares well conditioned at a million runs.
  let meanX = 0,
    meanY = 0,
    total = 0;
  for (const s of fitted) {
    const w = weightOf(s);
    meanX += w * (useSize ? Math.log(s.inputMb as number) : 0);
    meanY += w * Math.log(s.durationSeconds);
    total += w;
  }
  meanX /= total;
  meanY /= total;
  const sums = new Map<number, LogSums>([...vcpus].map((v) => [v, emptyLogSums(v)]));
  for (const s of fitted) {
    const x = useSize ? Math.log(s.inputMb as number) - meanX : 0;
    addLogSample(sums.get(s.vcpu) as LogSums, x, Math.log(s.durationSeconds) - meanY, weightOf(s));
  }
  return { sums: [...sums.values()], useSize };
}

type Scaling = Pick<DurationModel, 'basis' | 'parallelFraction' | 'sizeExponent' | 'logResidualSd'>;

function fromHistory(
  samples: readonly DurationSample[],
  vcpus: ReadonlySet<number>,
  notes: string[],
): Scaling {
  const { sums, useSize } = logSums(samples, vcpus);
  const fit = fitAmdahl(sums, useSize);
  notes.push(`Scaling measured from runs at ${[...vcpus].join(', ')} vCPU.`);
  if (!useSize)
    notes.push('Input sizes were not known for every run; size is not used as a covariate.');
  return { basis: 'vcpu-history', ...fit };
}

/** Run-time-weighted utilisation of the largest group, from the best sources it has. */
function fromUtilisation(
  samples: readonly DurationSample[],
  vcpu: number,
  notes: string[],
): Scaling | undefined {
  const atVcpu = samples.filter(
    (s) =>
      s.vcpu === vcpu &&
      !s.censored &&
      s.cpuUtilisation !== undefined &&
      Number.isFinite(s.cpuUtilisation) &&
      (s.cpuUtilisation as number) >= 0,
  );
  const firm = atVcpu.filter((s) => s.cpuSource === 'exact' || s.cpuSource === 'sliced');
  const firmCount = firm.reduce((n, s) => n + weightOf(s), 0);
  const used = firmCount >= DEFAULT_MIN_SAMPLES_PER_VCPU ? firm : atVcpu;
  if (used.length === 0) return undefined;
  let busy = 0,
    wall = 0;
  for (const s of used) {
    const w = weightOf(s);
    busy += w * Math.min(1, s.cpuUtilisation as number) * s.durationSeconds;
    wall += w * s.durationSeconds;
  }
  const upperBoundOnly = used !== firm;
  notes.push(
    `Only ${vcpu} vCPU in history: the parallel share is bounded from a CPU utilisation of ${Math.round((100 * busy) / wall)} %` +
      (upperBoundOnly ? ' (an upper bound, from overlapping executions).' : '.'),
  );
  return {
    basis: 'utilisation',
    parallelFraction: parallelFractionFromUtilisation(busy / wall, vcpu, upperBoundOnly),
    sizeExponent: null,
    logResidualSd: null,
  };
}

function scaling(
  samples: readonly DurationSample[],
  groups: readonly Building[],
  minPerVcpu: number,
  notes: string[],
): Scaling {
  const measured = new Set(groups.filter((g) => g.count >= minPerVcpu).map((g) => g.vcpu));
  if (measured.size >= 2) return fromHistory(samples, measured, notes);
  const largest = [...groups].sort((a, b) => b.count - a.count)[0];
  const fromUse = largest ? fromUtilisation(samples, largest.vcpu, notes) : undefined;
  if (fromUse) return fromUse;
  notes.push('No runs at other vCPU values and no CPU utilisation: the effect of vCPU is unknown.');
  return { basis: 'none', parallelFraction: UNKNOWN, sizeExponent: null, logResidualSd: null };
}

/** One group per vCPU value, or per vCPU value and weight when sampled runs weigh differently. */
function toGroups(building: readonly Building[]): DurationGroup[] {
  return building.flatMap((g) => {
    const pieces = [...g.seconds];
    if (pieces.length === 0)
      return [{ vcpu: g.vcpu, sortedSeconds: new Float64Array(0), censored: g.censored }];
    return pieces.map(([weight, seconds], i) => ({
      vcpu: g.vcpu,
      sortedSeconds: Float64Array.from(seconds).sort(),
      censored: i === 0 ? g.censored : new Map<number, number>(),
      ...(weight !== 1 && { weight }),
    }));
  });
}

function censoredCount(building: readonly Building[]): number {
  return building.reduce(
    (total, g) => total + [...g.censored.values()].reduce((a, b) => a + b, 0),
    0,
  );
}

/**
 * The same scaling applied to another set of durations: e.g. fitted on the run time of single
 * attempts, projected over whole executions (retries included) to show what users wait for.
 */
export function withDurations(
  model: DurationModel,
  samples: readonly DurationSample[],
): DurationModel {
  const building = groupByVcpu(samples.filter(usable));
  return {
    ...model,
    groups: toGroups(building),
    samples: building.reduce((n, g) => n + g.count, 0) + censoredCount(building),
    censoredSamples: censoredCount(building),
  };
}

/** Fits how one tier's duration depends on vCPU (and input size) from its finished executions. */
export function fitDurationModel(
  samples: readonly DurationSample[],
  options: FitOptions = {},
): DurationModel {
  const minPerVcpu = options.minSamplesPerVcpu ?? DEFAULT_MIN_SAMPLES_PER_VCPU;
  const clean = samples.filter(usable);
  const notes: string[] = [];
  if (clean.length < samples.length) {
    const left =
      samples.reduce((n, s) => n + weightOf(s), 0) - clean.reduce((n, s) => n + weightOf(s), 0);
    notes.push(`${Math.round(left)} runs without a usable duration or vCPU were left out.`);
  }
  const building = groupByVcpu(clean);
  const groups = toGroups(building);
  const censoredSamples = censoredCount(building);
  return {
    ...scaling(clean, building, minPerVcpu, notes),
    samples: building.reduce((n, g) => n + g.count, 0) + censoredSamples,
    censoredSamples,
    groups,
    notes,
  };
}
