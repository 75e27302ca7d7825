/**
 * Fits Amdahl's law to runs of one tier at two or more vCPU values, in log space with input size as a
 * covariate: ln T = α + γ · ln(inputMb) + ln(1 − q + q / v) + ε. For a fixed q the rest is ordinary
 * least squares, so q is found by a grid search over [0, 1] on per-vCPU sufficient statistics
 * (the cost does not grow with the number of executions) and its range by the profile residual sum.
 */
import type { Range } from './types';

/** Sums of centred ln(inputMb) = x and ln(duration) = y over the runs at one vCPU value. */
export type LogSums = {
  readonly vcpu: number;
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  sxy: number;
  syy: number;
};

export type AmdahlFit = {
  readonly parallelFraction: Range;
  readonly sizeExponent: number | null;
  readonly logResidualSd: number;
};

const GRID_STEPS = 1000;
/** χ²₁ at 95 %: the profile-likelihood range for one parameter. */
const CHI2_95 = 3.841;
/**
 * Amdahl with one q per tier is a simplification (small inputs spend more of their time on I/O than
 * large ones), so the range never shrinks below ± this, however many runs there are.
 */
export const MODEL_ERROR_FLOOR = 0.03;

export function emptyLogSums(vcpu: number): LogSums {
  return { vcpu, n: 0, sx: 0, sy: 0, sxx: 0, sxy: 0, syy: 0 };
}

/** Adds one run; `weight` is how many runs it stands for when sampled. */
export function addLogSample(sums: LogSums, x: number, y: number, weight = 1): void {
  if (weight === 1) {
    sums.n += 1;
    sums.sx += x;
    sums.sy += y;
    sums.sxx += x * x;
    sums.sxy += x * y;
    sums.syy += y * y;
    return;
  }
  sums.n += weight;
  sums.sx += weight * x;
  sums.sy += weight * y;
  sums.sxx += weight * x * x;
  sums.sxy += weight * x * y;
  sums.syy += weight * y * y;
}

type Profile = { rss: number; gamma: number | null };

/** Residual sum of squares at a fixed q, with α and γ at their least-squares values. */
function profile(groups: readonly LogSums[], q: number, useSize: boolean): Profile {
  let n = 0,
    sx = 0,
    sz = 0,
    sxx = 0,
    sxz = 0,
    szz = 0;
  for (const g of groups) {
    const c = Math.log(1 - q + q / g.vcpu);
    n += g.n;
    sx += g.sx;
    sxx += g.sxx;
    sz += g.sy - g.n * c;
    sxz += g.sxy - c * g.sx;
    szz += g.syy - 2 * c * g.sy + g.n * c * c;
  }
  const czz = szz - (sz * sz) / n;
  const cxx = sxx - (sx * sx) / n;
  if (!useSize || !(cxx > 1e-12 * n)) return { rss: Math.max(0, czz), gamma: null };
  const cxz = sxz - (sx * sz) / n;
  return { rss: Math.max(0, czz - (cxz * cxz) / cxx), gamma: cxz / cxx };
}

export function fitAmdahl(groups: readonly LogSums[], useSize: boolean): AmdahlFit {
  const n = groups.reduce((total, g) => total + g.n, 0);
  const rss: number[] = [];
  let best = 0;
  for (let step = 0; step <= GRID_STEPS; step += 1) {
    rss.push(profile(groups, step / GRID_STEPS, useSize).rss);
    if ((rss[step] as number) < (rss[best] as number)) best = step;
  }
  const parameters = useSize ? 3 : 2;
  const dof = Math.max(1, n - parameters);
  const minRss = rss[best] as number;
  const limit = minRss * (1 + CHI2_95 / dof) + 1e-12;
  let low = best;
  let high = best;
  while (low > 0 && (rss[low - 1] as number) <= limit) low -= 1;
  while (high < GRID_STEPS && (rss[high + 1] as number) <= limit) high += 1;
  const estimate = best / GRID_STEPS;
  return {
    parallelFraction: {
      estimate,
      low: Math.max(0, Math.min(low / GRID_STEPS, estimate - MODEL_ERROR_FLOOR)),
      high: Math.min(1, Math.max(high / GRID_STEPS, estimate + MODEL_ERROR_FLOOR)),
    },
    sizeExponent: profile(groups, estimate, useSize).gamma,
    logResidualSd: Math.sqrt(minRss / dof),
  };
}
