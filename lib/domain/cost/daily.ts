/** Cost per UTC day stacked by tier, accumulated in one pass without keeping every execution. */
import { DAY_MS, stackByUtcDay, utcDayStartMs, type DayRange, type StackedDay } from '../stats';

export class DailyCost {
  private readonly byDay = new Map<number, Map<string, number>>();

  add(timestampMs: number, key: string, costUsd: number): void {
    if (!Number.isFinite(timestampMs) || !Number.isFinite(costUsd)) return;
    const day = utcDayStartMs(timestampMs);
    let keys = this.byDay.get(day);
    if (!keys) {
      keys = new Map();
      this.byDay.set(day, keys);
    }
    keys.set(key, (keys.get(key) ?? 0) + costUsd);
  }

  /** Every day of the range, every key on every day (zeros where nothing ran). */
  series(keys: readonly string[], range: DayRange): StackedDay[] {
    const points = [];
    for (const [dayMs, values] of this.byDay) {
      for (const [key, value] of values)
        points.push({ timestampMs: dayMs + DAY_MS / 2, key, value });
    }
    return stackByUtcDay(points, keys, {
      startMs: utcDayStartMs(range.startMs),
      endMs: Math.max(range.endMs, range.startMs + 1),
    });
  }
}
