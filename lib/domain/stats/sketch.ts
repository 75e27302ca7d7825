/**
 * A mergeable quantile sketch for large inputs. Up to `exactLimit` values it keeps them and answers
 * exactly (type 7, as `quantileSorted`); beyond, it counts values in logarithmic buckets (DDSketch,
 * Masson et al. 2019): every answer is within a relative `relativeAccuracy` of a true order statistic
 * next to the requested rank. Values closer to zero than `MIN_MAGNITUDE` count as zero.
 */
import { StatsInputError, assertQuantile, quantileSorted } from './quantile';

export const MIN_MAGNITUDE = 1e-9;

export type SketchOptions = { readonly relativeAccuracy?: number; readonly exactLimit?: number };

/** Plain JSON form, so per-day sketches can be stored and merged later. */
export type SketchState = {
  readonly relativeAccuracy: number;
  readonly exactLimit: number;
  readonly exactValues: readonly number[] | null;
  readonly positive: readonly (readonly [number, number])[];
  readonly negative: readonly (readonly [number, number])[];
  readonly zeroCount: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly ignoredCount: number;
};

export class QuantileSketch {
  readonly relativeAccuracy: number;
  readonly exactLimit: number;
  private readonly logGamma: number;
  private exactValues: number[] | undefined = [];
  private sorted = true;
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeroCount = 0;
  private total = 0;
  private sumOfValues = 0;
  private minimum = Number.POSITIVE_INFINITY;
  private maximum = Number.NEGATIVE_INFINITY;
  private ignored = 0;

  constructor(options: SketchOptions = {}) {
    this.relativeAccuracy = options.relativeAccuracy ?? 0.01;
    this.exactLimit = options.exactLimit ?? 4096;
    if (!(this.relativeAccuracy > 0 && this.relativeAccuracy < 1)) {
      throw new StatsInputError(
        `Relative accuracy ${this.relativeAccuracy} is not usable; use a fraction such as 0.01.`,
      );
    }
    if (!(Number.isInteger(this.exactLimit) && this.exactLimit >= 0)) {
      throw new StatsInputError(
        `Exact limit ${this.exactLimit} is not usable; use a whole number of 0 or more.`,
      );
    }
    const gamma = (1 + this.relativeAccuracy) / (1 - this.relativeAccuracy);
    this.logGamma = Math.log(gamma);
  }

  /** Adds one value; NaN and ±Infinity are not counted but remembered in `ignoredCount()`. */
  add(value: number): void {
    if (!Number.isFinite(value)) {
      this.ignored += 1;
      return;
    }
    this.total += 1;
    this.sumOfValues += value;
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
    if (this.exactValues) {
      this.exactValues.push(value + 0);
      this.sorted = false;
      if (this.exactValues.length > this.exactLimit) this.switchToBuckets();
      return;
    }
    this.addToBucket(value, 1);
  }

  addAll(values: Iterable<number>): void {
    for (const value of values) this.add(value);
  }

  /** Folds another sketch into this one; both must use the same accuracy. */
  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new StatsInputError(
        `Cannot merge a sketch of accuracy ${other.relativeAccuracy} into one of ${this.relativeAccuracy}.`,
      );
    }
    this.total += other.total;
    this.sumOfValues += other.sumOfValues;
    this.minimum = Math.min(this.minimum, other.minimum);
    this.maximum = Math.max(this.maximum, other.maximum);
    this.ignored += other.ignored;
    if (
      this.exactValues &&
      other.exactValues &&
      this.exactValues.length + other.exactValues.length <= this.exactLimit
    ) {
      this.exactValues.push(...other.exactValues);
      this.sorted = false;
      return;
    }
    if (this.exactValues) this.switchToBuckets();
    if (other.exactValues) for (const value of other.exactValues) this.addToBucket(value, 1);
    for (const [index, count] of other.positive)
      this.positive.set(index, (this.positive.get(index) ?? 0) + count);
    for (const [index, count] of other.negative)
      this.negative.set(index, (this.negative.get(index) ?? 0) + count);
    this.zeroCount += other.zeroCount;
  }

  /** Q(q) for q ∈ [0, 1]; undefined when empty. Q(0) and Q(1) are the exact minimum and maximum. */
  quantile(q: number): number | undefined {
    assertQuantile(q);
    if (this.total === 0) return undefined;
    if (q === 0) return this.minimum;
    if (q === 1) return this.maximum;
    if (this.exactValues) {
      if (!this.sorted) {
        this.exactValues.sort((a, b) => a - b);
        this.sorted = true;
      }
      return quantileSorted(this.exactValues, q);
    }
    const estimate = this.bucketQuantile(q * (this.total - 1));
    return Math.min(this.maximum, Math.max(this.minimum, estimate));
  }

  count(): number {
    return this.total;
  }
  sum(): number {
    return this.sumOfValues;
  }
  min(): number | undefined {
    return this.total === 0 ? undefined : this.minimum;
  }
  max(): number | undefined {
    return this.total === 0 ? undefined : this.maximum;
  }
  mean(): number | undefined {
    return this.total === 0 ? undefined : this.sumOfValues / this.total;
  }
  ignoredCount(): number {
    return this.ignored;
  }
  /** True while every answer is exact (no more than `exactLimit` values so far). */
  isExact(): boolean {
    return this.exactValues !== undefined;
  }

  toJSON(): SketchState {
    const empty = this.total === 0;
    return {
      relativeAccuracy: this.relativeAccuracy,
      exactLimit: this.exactLimit,
      exactValues: this.exactValues ? [...this.exactValues] : null,
      positive: [...this.positive],
      negative: [...this.negative],
      zeroCount: this.zeroCount,
      count: this.total,
      sum: this.sumOfValues,
      min: empty ? null : this.minimum,
      max: empty ? null : this.maximum,
      ignoredCount: this.ignored,
    };
  }

  static fromJSON(state: SketchState): QuantileSketch {
    const sketch = new QuantileSketch(state);
    sketch.exactValues = state.exactValues ? [...state.exactValues] : undefined;
    sketch.sorted = false;
    for (const [index, count] of state.positive) sketch.positive.set(index, count);
    for (const [index, count] of state.negative) sketch.negative.set(index, count);
    sketch.zeroCount = state.zeroCount;
    sketch.total = state.count;
    sketch.sumOfValues = state.sum;
    sketch.minimum = state.min ?? Number.POSITIVE_INFINITY;
    sketch.maximum = state.max ?? Number.NEGATIVE_INFINITY;
    sketch.ignored = state.ignoredCount;
    return sketch;
  }

  private switchToBuckets(): void {
    const values = this.exactValues ?? [];
    this.exactValues = undefined;
    for (const value of values) this.addToBucket(value, 1);
  }

  private addToBucket(value: number, count: number): void {
    const magnitude = Math.abs(value);
    if (magnitude < MIN_MAGNITUDE) {
      this.zeroCount += count;
      return;
    }
    const store = value > 0 ? this.positive : this.negative;
    const index = Math.ceil(Math.log(magnitude) / this.logGamma);
    store.set(index, (store.get(index) ?? 0) + count);
  }

  /** Bucket i holds magnitudes in (γ^(i−1), γ^i]; its representative 2γ^i/(γ+1) is within α of all. */
  private bucketValue(index: number): number {
    const gamma = Math.exp(this.logGamma);
    return (2 * Math.exp(index * this.logGamma)) / (gamma + 1);
  }

  private bucketQuantile(rank: number): number {
    let seen = 0;
    const negativeIndexes = [...this.negative.keys()].sort((a, b) => b - a);
    for (const index of negativeIndexes) {
      seen += this.negative.get(index) ?? 0;
      if (seen > rank) return -this.bucketValue(index);
    }
    seen += this.zeroCount;
    if (seen > rank) return 0;
    const positiveIndexes = [...this.positive.keys()].sort((a, b) => a - b);
    for (const index of positiveIndexes) {
      seen += this.positive.get(index) ?? 0;
      if (seen > rank) return this.bucketValue(index);
    }
    return this.maximum;
  }
}
