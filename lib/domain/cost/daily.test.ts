import { describe, expect, it } from 'vitest';
import { DailyCost } from './daily';

const DAY = 86_400_000;
const T = Date.UTC(2025, 2, 1);

describe('DailyCost', () => {
  it('stacks cost per UTC day and tier, with every tier on every day', () => {
    const daily = new DailyCost();
    daily.add(T + 1000, 'small', 1);
    daily.add(T + 2000, 'small', 2);
    daily.add(T + DAY * 2 + 5, 'large', 4);
    daily.add(Number.NaN, 'small', 100);
    daily.add(T, 'small', Number.NaN);
    const series = daily.series(['small', 'large'], { startMs: T, endMs: T + 3 * DAY });
    expect(series).toEqual([
      { day: '2025-03-01', startMs: T, values: { small: 3, large: 0 } },
      { day: '2025-03-02', startMs: T + DAY, values: { small: 0, large: 0 } },
      { day: '2025-03-03', startMs: T + 2 * DAY, values: { small: 0, large: 4 } },
    ]);
  });

  it('gives zero-filled days when nothing ran', () => {
    const series = new DailyCost().series(['a'], { startMs: T + 5, endMs: T + DAY + 5 });
    expect(series.map((d) => d.values.a)).toEqual([0, 0]);
  });
});
