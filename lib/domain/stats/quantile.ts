/**
 * Exact quantiles. Definition (Hyndman & Fan type 7, the default of R, NumPy and spreadsheets): for
 * ascending values x₀…xₙ₋₁ and q ∈ [0, 1], h = (n − 1)·q and
 * Q(q) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). So Q(0) is the minimum, Q(1) the maximum, Q(0.5) the median.
 */

export class StatsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsInputError';
  }
}

export function assertQuantile(q: number): void {
  if (!(q >= 0 && q <= 1)) {
    throw new StatsInputError(
      `Quantile ${q} is out of range: use a fraction from 0 to 1 (0.95 for p95).`,
    );
  }
}

/** Q(q) of values already sorted ascending; undefined when there are none. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | undefined {
  assertQuantile(q);
  const n = sorted.length;
  if (n === 0) return undefined;
  const h = (n - 1) * q;
  const lower = Math.floor(h);
  const low = sorted[lower] as number;
  if (lower === h || lower + 1 >= n) return low;
  const high = sorted[lower + 1] as number;
  return low + (h - lower) * (high - low);
}

/** The finite values, ascending, as a typed array (numeric sort, fast at a million values). */
export function sortFinite(values: Iterable<number>): Float64Array {
  const finite: number[] = [];
  for (const value of values) if (Number.isFinite(value)) finite.push(value + 0);
  return Float64Array.from(finite).sort();
}

/** Several quantiles of unsorted values in one sort; non-finite values are left out. */
export function quantiles(values: Iterable<number>, qs: readonly number[]): (number | undefined)[] {
  qs.forEach(assertQuantile);
  const sorted = sortFinite(values);
  return qs.map((q) => quantileSorted(sorted, q));
}
