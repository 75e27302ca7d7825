import { describe, expect, it } from 'vitest';
import { DAY_MS, bucketByUtcDay, stackByUtcDay, utcDayOf } from './daily';
import { StatsInputError } from './quantile';

const at = (iso: string) => Date.parse(iso);

describe('utcDayOf', () => {
  it.each([
    ['2025-03-14T00:00:00.000Z', '2025-03-14'],
    ['2025-03-14T23:59:59.999Z', '2025-03-14'],
    ['2025-03-15T00:00:00.000Z', '2025-03-15'],
    ['2025-03-14T23:30:00-05:00', '2025-03-15'],
    ['1969-12-31T23:59:59.999Z', '1969-12-31'],
    ['2024-02-29T12:00:00Z', '2024-02-29'],
  ])('%s is on %s', (iso, day) => {
    expect(utcDayOf(at(iso))).toBe(day);
  });

  it('refuses NaN', () => {
    expect(() => utcDayOf(Number.NaN)).toThrow(StatsInputError);
  });
});

describe('bucketByUtcDay', () => {
  it('sums per UTC day and fills the days in between with zeros', () => {
    const days = bucketByUtcDay([
      { timestampMs: at('2025-03-01T10:00:00Z'), value: 0.5 },
      { timestampMs: at('2025-03-01T23:59:59Z'), value: 0.25 },
      { timestampMs: at('2025-03-03T00:00:00Z'), value: 1 },
    ]);
    expect(days.map(({ day, count, sum }) => [day, count, sum])).toEqual([
      ['2025-03-01', 2, 0.75],
      ['2025-03-02', 0, 0],
      ['2025-03-03', 1, 1],
    ]);
  });

  it('covers a requested window and leaves out points outside it', () => {
    const range = { startMs: at('2025-03-01T00:00:00Z'), endMs: at('2025-03-03T00:00:00Z') };
    const days = bucketByUtcDay(
      [
        { timestampMs: range.startMs - 1, value: 100 },
        { timestampMs: range.startMs, value: 1 },
        { timestampMs: range.endMs, value: 100 },
      ],
      range,
    );
    expect(days.map(({ day, sum }) => [day, sum])).toEqual([
      ['2025-03-01', 1],
      ['2025-03-02', 0],
    ]);
  });

  it.each<[string, { timestampMs: number; value: number }[]]>([
    ['no points', []],
    [
      'only unreadable points',
      [
        { timestampMs: Number.NaN, value: 1 },
        { timestampMs: 0, value: Number.NaN },
      ],
    ],
  ])('returns no days for %s', (_name, points) => {
    expect(bucketByUtcDay(points)).toEqual([]);
  });

  it('returns no days for an empty window', () => {
    expect(bucketByUtcDay([{ timestampMs: 5, value: 1 }], { startMs: 10, endMs: 10 })).toEqual([]);
  });

  it('refuses a window of absurd length', () => {
    expect(() => bucketByUtcDay([], { startMs: 0, endMs: 20_000 * DAY_MS })).toThrow(
      StatsInputError,
    );
  });

  it('buckets a million points', () => {
    const points = Array.from({ length: 1_000_000 }, (_, i) => ({
      timestampMs: i * 60_000,
      value: 1,
    }));
    const days = bucketByUtcDay(points);
    expect(days).toHaveLength(Math.ceil(1_000_000 / 1440));
    expect(days[0]?.count).toBe(1440);
    expect(days.reduce((total, day) => total + day.count, 0)).toBe(1_000_000);
  });
});

describe('stackByUtcDay', () => {
  it('gives every key a value on every day', () => {
    const days = stackByUtcDay(
      [
        { timestampMs: at('2025-03-01T08:00:00Z'), key: 'small', value: 0.002 },
        { timestampMs: at('2025-03-01T09:00:00Z'), key: 'small', value: 0.003 },
        { timestampMs: at('2025-03-02T09:00:00Z'), key: 'large', value: 0.01 },
      ],
      ['small', 'large', 'unclassified'],
    );
    expect(days).toEqual([
      {
        day: '2025-03-01',
        startMs: at('2025-03-01T00:00:00Z'),
        values: { small: 0.005, large: 0, unclassified: 0 },
      },
      {
        day: '2025-03-02',
        startMs: at('2025-03-02T00:00:00Z'),
        values: { small: 0, large: 0.01, unclassified: 0 },
      },
    ]);
  });

  it('still counts a key it was not told about', () => {
    const days = stackByUtcDay([{ timestampMs: 0, key: 'xlarge', value: 2 }], ['small']);
    expect(days[0]?.values).toEqual({ small: 0, xlarge: 2 });
  });
});
