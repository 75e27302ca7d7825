import { describe, expect, it } from 'vitest';
import { GIB, T0, execution, minutes } from '@/test/support/report-records';
import { attributeExecutions } from './attribute';

const M = 60_000;

describe('attributeExecutions', () => {
  const alone = execution({ id: 'alone', startMs: T0 + 10 * M, seconds: 90, memoryGib: 4 });
  const a = execution({ id: 'a', startMs: T0 + 30 * M, seconds: 120 });
  const b = execution({ id: 'b', startMs: T0 + 31 * M, seconds: 30 });
  const cpuPoints = minutes(T0, 60, 0.5);
  const memoryPoints = minutes(T0, 60, 0.25);

  it('slices the job series for an execution that ran alone', () => {
    const [result] = attributeExecutions({
      executions: [alone],
      cpuPoints,
      memoryPoints,
      nowMs: T0 + 60 * M,
    });
    expect(result).toEqual({
      cpuUtilisation: 0.5,
      cpuSource: 'sliced',
      peakMemoryFraction: 0.25,
      peakMemoryBytes: 1 * GIB,
      memorySource: 'sliced',
    });
  });

  it('marks overlapping executions ambiguous: the figures are upper bounds', () => {
    const results = attributeExecutions({
      executions: [a, b, alone],
      cpuPoints,
      memoryPoints,
      nowMs: T0 + 60 * M,
    });
    expect(results.map((r) => r.memorySource)).toEqual(['ambiguous', 'ambiguous', 'sliced']);
    expect(results.map((r) => r.cpuSource)).toEqual(['ambiguous', 'ambiguous', 'sliced']);
  });

  it('prefers the per-execution metric and prices memory against the execution’s own limit', () => {
    const small = execution({
      id: 'small',
      startMs: T0 + 30 * M,
      seconds: 100,
      memoryGib: 2,
      vcpu: 2,
    });
    const usage = new Map([
      ['small', { execution: 'small', peakMemoryBytes: 1.5 * GIB, cpuSeconds: 50 }],
    ]);
    const [result] = attributeExecutions({
      executions: [small, b],
      cpuPoints,
      memoryPoints,
      usage,
      nowMs: T0 + 60 * M,
    });
    expect(result).toEqual({
      cpuUtilisation: 0.25,
      cpuSource: 'exact',
      peakMemoryFraction: 0.75,
      peakMemoryBytes: 1.5 * GIB,
      memorySource: 'exact',
    });
  });

  it('uses the series for what the per-execution metric leaves out', () => {
    const usage = new Map([['alone', { execution: 'alone', peakMemoryBytes: 3 * GIB }]]);
    const [result] = attributeExecutions({
      executions: [alone],
      cpuPoints,
      memoryPoints,
      usage,
      nowMs: T0 + 60 * M,
    });
    expect(result?.cpuSource).toBe('sliced');
    expect(result?.memorySource).toBe('exact');
    expect(result?.peakMemoryFraction).toBe(0.75);
  });

  it.each([
    ['no series at all', {}],
    [
      'series that do not cover the window',
      { cpuPoints: minutes(T0 + 120 * M, 5, 0.5), memoryPoints: [] },
    ],
  ])('reports missing with %s', (_, series) => {
    const [result] = attributeExecutions({ executions: [alone], ...series, nowMs: T0 });
    expect(result?.cpuSource).toBe('missing');
    expect(result?.memorySource).toBe('missing');
    expect(result?.peakMemoryBytes).toBeUndefined();
  });

  it('ignores NaN and negative per-execution figures', () => {
    const usage = new Map([
      ['alone', { execution: 'alone', peakMemoryBytes: -1, cpuSeconds: Number.NaN }],
    ]);
    const [result] = attributeExecutions({
      executions: [alone],
      cpuPoints,
      memoryPoints,
      usage,
      nowMs: T0,
    });
    expect(result?.cpuSource).toBe('sliced');
    expect(result?.memorySource).toBe('sliced');
  });

  it('returns nothing for no executions', () => {
    expect(attributeExecutions({ executions: [], cpuPoints, nowMs: T0 })).toEqual([]);
  });

  it('counts a running execution as sharing the minutes it has run so far', () => {
    const running = execution({ id: 'r', startMs: T0 + 9 * M, status: 'running' });
    const results = attributeExecutions({
      executions: [alone, running],
      cpuPoints,
      memoryPoints,
      nowMs: T0 + 20 * M,
    });
    expect(results[0]?.cpuSource).toBe('ambiguous');
  });
});
