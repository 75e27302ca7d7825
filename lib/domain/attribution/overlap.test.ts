import { describe, expect, it } from 'vitest';
import { sharedPeriods } from './overlap';

const M = 60_000;
const T = Date.UTC(2025, 2, 1);
const w = (startMin: number, endMin: number | undefined) => ({
  startMs: T + startMin * M,
  endMs: endMin === undefined ? undefined : T + endMin * M,
});

describe('sharedPeriods', () => {
  it.each([
    ['no executions', [], []],
    ['one execution', [w(0, 5)], [0]],
    ['separate minutes', [w(0, 1.5), w(3, 4.5)], [0, 0]],
    ['overlapping windows', [w(0, 5), w(2, 3)], [1, 1]],
    ['back to back in the same minute', [w(0, 1.2), w(1.5, 2.5)], [1, 1]],
    ['a long window covering two later ones', [w(0, 10), w(2, 3), w(6, 7)], [1, 1, 1]],
    ['only the middle pair meets', [w(0, 0.5), w(3, 4), w(4.5, 5), w(9, 9.5)], [0, 1, 1, 0]],
    ['input order does not matter', [w(6, 7), w(0, 10), w(20, 21)], [1, 1, 0]],
  ])('%s', (_, windows, expected) => {
    expect([...sharedPeriods(windows, T + 100 * M)]).toEqual(expected);
  });

  it('treats a running execution as open until now', () => {
    expect([...sharedPeriods([w(0, undefined), w(30, 31)], T + 40 * M)]).toEqual([1, 1]);
    expect([...sharedPeriods([w(0, undefined), w(30, 31)], T + 10 * M)]).toEqual([0, 0]);
  });

  it('never flags a window without a start', () => {
    expect([...sharedPeriods([{ startMs: Number.NaN, endMs: T }, w(0, 1)], T)]).toEqual([0, 0]);
  });

  it('handles many windows in one pass', () => {
    const windows = Array.from({ length: 200_000 }, (_, i) => w(i * 2, i * 2 + 0.5));
    windows.push(w(10, 11)); // meets window 5 only
    const flags = sharedPeriods(windows, T);
    expect(flags.reduce((a, b) => a + b, 0)).toBe(2);
    expect(flags[5]).toBe(1);
  });
});
