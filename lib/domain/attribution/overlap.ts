/**
 * Which executions of one job share a Monitoring sample period with another. Job-level series have
 * no execution label, so two executions touching the same aligned minute are mixed in its samples,
 * even when their own [start, completion] windows do not overlap.
 */

export type RunWindow = {
  readonly startMs: number;
  /** Undefined while running: the window is open up to `openEndMs`. */
  readonly endMs: number | undefined;
};

/** One minute, the period of Cloud Run's utilisation samples. */
export const SAMPLE_PERIOD_MS = 60_000;
// Packs (first period, index) into one float so a numeric typed-array sort orders the windows.
const INDEX_SPACE = 2 ** 22;

/**
 * Flags (1 = shares a sample period with another window) for every window, in input order. Windows
 * without a start are never flagged. One numeric sort and two sweeps: safe at a million windows.
 */
export function sharedPeriods(
  windows: readonly RunWindow[],
  openEndMs: number,
  periodMs: number = SAMPLE_PERIOD_MS,
): Uint8Array {
  return sharedPeriodsOf(
    windows.map((w) => w.startMs),
    windows.map((w) => w.endMs ?? Number.NaN),
    openEndMs,
    periodMs,
  );
}

/** The same over parallel arrays of starts and ends (NaN end = still open), without objects. */
export function sharedPeriodsOf(
  startsMs: ArrayLike<number>,
  endsMs: ArrayLike<number>,
  openEndMs: number,
  periodMs: number = SAMPLE_PERIOD_MS,
): Uint8Array {
  const count = startsMs.length;
  if (count >= INDEX_SPACE) {
    throw new RangeError(`Cannot compare more than ${INDEX_SPACE - 1} execution windows at once.`);
  }
  const first = new Float64Array(count);
  const last = new Float64Array(count);
  const keys: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const startMs = startsMs[i] as number;
    if (!Number.isFinite(startMs)) continue;
    const endMs = Number.isFinite(endsMs[i]) ? (endsMs[i] as number) : openEndMs;
    first[i] = Math.floor(startMs / periodMs);
    last[i] = Math.max(first[i] as number, Math.floor(Math.max(startMs, endMs) / periodMs));
    keys.push((first[i] as number) * INDEX_SPACE + i);
  }
  const order = Float64Array.from(keys).sort();
  const flags = new Uint8Array(count);
  let maxLast = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < order.length; k += 1) {
    const i = (order[k] as number) % INDEX_SPACE;
    const next = order[k + 1];
    const nextFirst =
      next === undefined ? Number.POSITIVE_INFINITY : Math.floor(next / INDEX_SPACE);
    // Sorted by first period: a window meets an earlier one iff it starts by the latest end so far,
    // and a later one iff the very next window starts by its own end.
    if ((first[i] as number) <= maxLast || (last[i] as number) >= nextFirst) flags[i] = 1;
    maxLast = Math.max(maxLast, last[i] as number);
  }
  return flags;
}
