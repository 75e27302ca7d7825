/**
 * How peak memory grows with the size of the work, fitted with out-of-memory kills as what they are:
 * lower bounds. A Tobit-style (censored normal) regression, peak = x·β + ε with ε ~ N(0, (σ·x·β)²)
 * (the spread grows with the peak), fitted by expectation–maximisation: each OOM-killed execution
 * stands in at its expected peak given that it was above its limit, the coefficients are refitted by
 * weighted non-negative least squares, until they settle. README.md explains the reasoning.
 */

/** One execution as the memory fit sees it. */
export type MemorySample = {
  /** Workload features (same order for every sample), without the intercept; undefined if unknown. */
  readonly features: readonly number[] | undefined;
  /** The measured peak, or for a censored sample the limit it was killed at. */
  readonly bytes: number;
  /** True when the execution was OOM-killed: its peak was above `bytes`. */
  readonly censored: boolean;
  /** How many executions this one stands for, when it was sampled from more (default 1). */
  readonly weight?: number;
};

export type MemoryFit = {
  /** Intercept first, then one per feature; null when there was too little to fit. */
  readonly coefficients: readonly number[] | null;
  /** Spread of (peak − fitted) / fitted. */
  readonly relativeSd: number;
  /** Its upper 97.5 % bound (χ² on the residual degrees of freedom). */
  readonly relativeSdHigh: number;
  /** (XᵀWX)⁻¹ scaled by σ², for the standard error of a fitted peak; null without a fit. */
  readonly covariance: readonly (readonly number[])[] | null;
  readonly measured: number;
  readonly censored: number;
  /**
   * Whether the fit bounds the censored peaks: enough measured peaks, and the censored executions'
   * workloads within the measured range (no feature more than EXTRAPOLATION_LIMIT × the largest
   * measured value), so placing them is interpolation, not a guess.
   */
  readonly bounded: boolean;
  readonly iterations: number;
  readonly notes: readonly string[];
};

/** Fewer measured peaks than this (plus one per coefficient) and nothing is fitted. */
export const MIN_MEASURED_FOR_FIT = 10;
/**
 * A censored workload this far beyond the largest measured one is outside what the fit knows; short
 * of it, the fitted peak's standard error (which grows with the distance) widens its upper end.
 */
export const EXTRAPOLATION_LIMIT = 2;
/** The spread never comes out below this: memory of a real program varies run to run. */
export const MIN_RELATIVE_SD = 0.02;
/**
 * The fit learns from at most this many executions, taken evenly through the history: past it the
 * coefficients no longer move, while each of up to MAX_ITERATIONS passes costs a pass over all.
 */
export const MAX_FIT_SAMPLES = 20_000;
const MAX_ITERATIONS = 200;
const TOLERANCE = 1e-7;

const SQRT2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT2PI;
}

/** Upper tail 1 − Φ(z), accurate far into the tail (Abramowitz & Stegun 7.1.26 on erfc). */
export function normalSurvival(z: number): number {
  if (z < 0) return 1 - normalSurvival(-z);
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 0.5 * poly * Math.exp(-x * x);
}

/** ln(1 − Φ(z)), from the asymptotic series far in the tail where 1 − Φ underflows. */
function logSurvival(z: number): number {
  if (z < 8) return Math.log(Math.max(1e-300, normalSurvival(z)));
  return -0.5 * z * z - Math.log(SQRT2PI) - Math.log(z) + Math.log(1 - 1 / (z * z));
}

/** φ(α) / (1 − Φ(α)), the inverse Mills ratio, stable for large α. */
function inverseMills(alpha: number): number {
  if (alpha > 8) return alpha + 1 / alpha;
  return normalPdf(alpha) / Math.max(1e-300, normalSurvival(alpha));
}

/** Solves A x = b (symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1)
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-14) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c += 1) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j += 1) {
    const e = Array.from({ length: n }, (_, i) => (i === j ? 1 : 0));
    const x = solve(a, e);
    if (!x) return null;
    columns.push(x);
  }
  return Array.from({ length: n }, (_, i) => columns.map((col) => col[i]!));
}

/**
 * Weighted least squares with β ≥ 0 for every feature (memory never shrinks as the work grows; the
 * intercept too, a program has a base): features that come out negative are dropped and the rest
 * refitted, one at a time (a simple active set). Returns the full-length β, zeros where dropped.
 */
function nonNegativeWls(
  rows: readonly (readonly number[])[],
  y: readonly number[],
  w: readonly number[],
  width: number,
): { beta: number[]; active: boolean[]; normal: number[][] } | null {
  const active = Array.from({ length: width }, () => true);
  const n = rows.length;
  // The active columns of every row side by side, so the hot loop reads one flat array; the sums
  // are formed in the same order as over the rows themselves, so the results are the same bits.
  const packed = new Float64Array(n * width);
  for (let round = 0; round < width; round += 1) {
    const idx = active.flatMap((on, i) => (on ? [i] : []));
    const k = idx.length;
    for (let r = 0; r < n; r += 1) {
      const x = rows[r]!;
      for (let i = 0; i < k; i += 1) packed[r * k + i] = x[idx[i]!]!;
    }
    const sums = new Float64Array(k * k);
    const sumsB = new Float64Array(k);
    for (let r = 0; r < n; r += 1) {
      const wr = w[r]!;
      const yr = y[r]!;
      const base = r * k;
      for (let i = 0; i < k; i += 1) {
        const wx = wr * packed[base + i]!;
        sumsB[i]! += wx * yr;
        const row = i * k;
        for (let j = 0; j < k; j += 1) sums[row + j]! += wx * packed[base + j]!;
      }
    }
    const a = Array.from({ length: k }, (_, i) => Array.from(sums.subarray(i * k, i * k + k)));
    const b = Array.from(sumsB);
    // A whisper of ridge keeps collinear features (clip count and clip pixels) solvable.
    for (let i = 0; i < idx.length; i += 1) a[i]![i]! *= 1 + 1e-9;
    const solved = solve(a, b);
    if (!solved) {
      const last = idx.at(-1);
      if (last === undefined || last === 0) return null;
      active[last] = false;
      continue;
    }
    const beta = Array.from({ length: width }, () => 0);
    idx.forEach((col, i) => (beta[col] = solved[i]!));
    let worst = -1;
    for (const col of idx)
      if (beta[col]! < 0 && (worst < 0 || beta[col]! < beta[worst]!)) worst = col;
    if (worst < 0) return { beta, active, normal: a };
    active[worst] = false;
  }
  return null;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i]! * b[i]!;
  return s;
}

const EMPTY: Omit<MemoryFit, 'measured' | 'censored' | 'notes'> = {
  coefficients: null,
  relativeSd: NaN,
  relativeSdHigh: NaN,
  covariance: null,
  bounded: false,
  iterations: 0,
};

/** Every k-th item, k chosen so at most `max` remain; the items themselves when they are fewer. */
function systematicSample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = Math.ceil(items.length / max);
  const out: T[] = [];
  for (let i = 0; i < items.length; i += step) out.push(items[i]!);
  return out;
}

/** Fits peak memory to workload features, censored samples as lower bounds. */
export function fitPeakMemory(samples: readonly MemorySample[]): MemoryFit {
  const usable = samples.filter(
    (s) =>
      s.features !== undefined &&
      s.features.every((f) => Number.isFinite(f) && f >= 0) &&
      Number.isFinite(s.bytes) &&
      s.bytes > 0,
  );
  const weightOf = (s: MemorySample) => s.weight ?? 1;
  let measuredCount = 0;
  let censoredCount = 0;
  for (const s of usable) {
    if (s.censored) censoredCount += weightOf(s);
    else measuredCount += weightOf(s);
  }
  const usableCount = measuredCount + censoredCount;
  const notes: string[] = [];
  const width = 1 + (usable[0]?.features?.length ?? 0);
  if (measuredCount < MIN_MEASURED_FOR_FIT + width) {
    notes.push(
      `${measuredCount} measured peaks with known workload sizes; at least ${MIN_MEASURED_FOR_FIT + width} are needed to learn how memory grows with the work.`,
    );
    return { ...EMPTY, measured: measuredCount, censored: censoredCount, notes };
  }
  const sample = systematicSample(usable, MAX_FIT_SAMPLES);
  if (sample.length < usableCount) {
    notes.push(
      `Fitted on ${sample.length.toLocaleString('en-US')} of ${Math.round(usableCount).toLocaleString('en-US')} executions, taken evenly through the history; the interval is the whole history's.`,
    );
  }
  const weights = sample.map(weightOf);
  const sampleWeight = weights.reduce((s, x) => s + x, 0);
  // Scale every feature by its mean and the peak by the mean peak: the normal equations stay tame.
  const yScale = sample.reduce((s, u, i) => s + weights[i]! * u.bytes, 0) / sampleWeight;
  const xScale = Array.from({ length: width }, (_, j) =>
    j === 0
      ? 1
      : sample.reduce((s, u, i) => s + weights[i]! * u.features![j - 1]!, 0) / sampleWeight || 1,
  );
  const rows = sample.map((u) => [1, ...u.features!.map((f, j) => f / xScale[j + 1]!)]);
  const limits = sample.map((u) => u.bytes / yScale);
  let ystar = [...limits];
  let w = limits.map((y, i) => weights[i]! / (y * y));
  // Start from the measured peaks alone (censored ones weigh nothing at first).
  let fit = nonNegativeWls(
    rows,
    ystar,
    sample.map((u, i) => (u.censored ? 0 : w[i]!)),
    width,
  );
  if (!fit) {
    notes.push('The workload features do not vary enough to fit how memory grows with them.');
    return { ...EMPTY, measured: measuredCount, censored: censoredCount, notes };
  }
  let sigma = 0.1;
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations += 1) {
    const mu = rows.map((x) => Math.max(1e-6, dot(x, fit!.beta)));
    let residual = 0;
    ystar = sample.map((u, i) => {
      if (!u.censored) {
        const r = (limits[i]! - mu[i]!) / mu[i]!;
        residual += weights[i]! * (r * r);
        return limits[i]!;
      }
      const s = sigma * mu[i]!;
      const alpha = (limits[i]! - mu[i]!) / s;
      const lambda = inverseMills(alpha);
      const mean = mu[i]! + s * lambda;
      const variance = s * s * Math.max(0, 1 + alpha * lambda - lambda * lambda);
      residual += weights[i]! * (((mean - mu[i]!) ** 2 + variance) / (mu[i]! * mu[i]!));
      return mean;
    });
    const nextSigma = Math.max(MIN_RELATIVE_SD, Math.sqrt(residual / sampleWeight));
    w = mu.map((m, i) => weights[i]! / (m * m));
    const next = nonNegativeWls(rows, ystar, w, width);
    if (!next) break;
    const change = next.beta.reduce((s, b, i) => s + Math.abs(b - fit!.beta[i]!), 0);
    fit = next;
    const settled = change < TOLERANCE && Math.abs(nextSigma - sigma) < TOLERANCE;
    sigma = nextSigma;
    if (settled) break;
  }
  const sampledMeasured = sample.reduce((n, u, i) => n + (u.censored ? 0 : weights[i]!), 0);
  const dof = Math.max(1, sampledMeasured - fit.active.filter(Boolean).length);
  // Upper 97.5 % bound of σ from χ²(dof), by the Wilson–Hilferty approximation.
  const z = 1.96;
  const chiLow = dof * (1 - 2 / (9 * dof) - z * Math.sqrt(2 / (9 * dof))) ** 3;
  const sigmaHigh = sigma * Math.sqrt(dof / Math.max(1e-9, chiLow));
  const inverse = invert(fit.normal);
  const activeIdx = fit.active.flatMap((on, i) => (on ? [i] : []));
  const coefficients = fit.beta.map((b, j) => (b * yScale) / xScale[j]!);
  let covariance: number[][] | null = null;
  // A sample's coefficients are as uncertain as the sample is small; the whole history's are not.
  const sampleShare = sampleWeight / usableCount;
  if (inverse) {
    covariance = Array.from({ length: width }, () => Array.from({ length: width }, () => 0));
    activeIdx.forEach((ci, a) =>
      activeIdx.forEach((cj, b) => {
        covariance![ci]![cj] =
          (inverse[a]![b]! * sigma * sigma * yScale * yScale * sampleShare) /
          (xScale[ci]! * xScale[cj]!);
      }),
    );
  }
  // Bounded: every censored workload lies within EXTRAPOLATION_LIMIT × the measured range.
  // A loop, not Math.max(...spread): a job's history can be a million executions, past the stack.
  const measuredMax = Array.from({ length: width - 1 }, () => 0);
  for (const u of usable) {
    if (u.censored) continue;
    u.features!.forEach((f, j) => (measuredMax[j] = Math.max(measuredMax[j]!, f)));
  }
  let beyond = 0;
  for (const u of usable) {
    if (!u.censored) continue;
    const outside = u.features!.some(
      (f, j) => fit!.active[j + 1] && f > EXTRAPOLATION_LIMIT * measuredMax[j]!,
    );
    if (outside) beyond += weightOf(u);
  }
  if (beyond > 0) {
    notes.push(
      `${Math.round(beyond)} of ${Math.round(censoredCount)} out-of-memory executions had larger workloads than any measured one: their peaks are extrapolated, not bounded.`,
    );
  }
  return {
    coefficients,
    relativeSd: sigma,
    relativeSdHigh: sigmaHigh,
    covariance,
    measured: measuredCount,
    censored: censoredCount,
    bounded: beyond === 0,
    iterations,
    notes,
  };
}

/** Fitted peak for one workload, and its standard error from the coefficients' uncertainty. */
export function fittedPeak(
  fit: MemoryFit,
  features: readonly number[],
): { bytes: number; standardError: number } | undefined {
  if (!fit.coefficients) return undefined;
  const x = [1, ...features];
  const bytes = dot(x, fit.coefficients as number[]);
  let variance = 0;
  if (fit.covariance) {
    for (let i = 0; i < x.length; i += 1)
      for (let j = 0; j < x.length; j += 1) variance += x[i]! * x[j]! * fit.covariance[i]![j]!;
  }
  return { bytes: Math.max(1, bytes), standardError: Math.sqrt(Math.max(0, variance)) };
}

/**
 * P(peak > memory) for one execution under the fit. A censored one is conditioned on having been
 * above its limit: P(peak > m | peak > L) = S(m) / S(L); at or below L it is certain.
 */
export function exceedance(
  centre: number,
  relativeSd: number,
  memoryBytes: number,
  censoredAt?: number,
): number {
  const s = Math.max(1, relativeSd * centre);
  const z = (memoryBytes - centre) / s;
  if (censoredAt === undefined) return normalSurvival(z);
  if (memoryBytes <= censoredAt) return 1;
  const ratio = Math.exp(logSurvival(z) - logSurvival((censoredAt - centre) / s));
  return Math.min(1, Math.max(0, ratio));
}
