import { describe, expect, it } from 'vitest';
import { MIN_EXECUTIONS_FOR_VERDICT, MIN_MEASURED_FOR_LOW } from './thresholds';
import { judgeTier, measuredAloneP95, type VerdictInput } from './verdict';

const GIB = 2 ** 30;
const healthy: VerdictInput = {
  executions: 200,
  attempts: 200,
  oomAttempts: 0,
  timeoutAttempts: 0,
  billedRetries: 0,
  attemptP95Seconds: 120,
  timeoutSeconds: 900,
  vcpu: 2,
  memoryBytes: 4 * GIB,
  memoryP95Trusted: 0.7,
  cpuP50Trusted: 0.7,
  cpuP95Trusted: 0.78,
  memoryTrustedCount: 200,
  cpuTrustedCount: 200,
  memoryP95UpperBound: 0.75,
  cpuP95UpperBound: 0.8,
  attributedShare: 1,
};

describe('judgeTier', () => {
  it.each<[string, Partial<VerdictInput>, string, string[]]>([
    ['healthy use', {}, 'right-sized', []],
    ['no executions', { executions: 0, attempts: 0 }, 'not-enough-data', []],
    ['one execution', { executions: 1, attempts: 1 }, 'not-enough-data', []],
    [
      'just enough executions',
      { executions: MIN_EXECUTIONS_FOR_VERDICT, attempts: MIN_EXECUTIONS_FOR_VERDICT },
      'right-sized',
      [],
    ],
    [
      'OOMs',
      { attempts: 210, oomAttempts: 10, billedRetries: 10 },
      'under-provisioned',
      ['oom-rate', 'retry-rate'],
    ],
    [
      'all failed on timeouts',
      { attempts: 600, timeoutAttempts: 600, billedRetries: 400 },
      'under-provisioned',
      ['timeout-rate', 'retry-rate'],
    ],
    [
      'p95 near the timeout',
      { attemptP95Seconds: 800 },
      'under-provisioned',
      ['duration-vs-timeout'],
    ],
    [
      'memory near the limit',
      { memoryP95Trusted: 0.95, memoryP95UpperBound: 0.95 },
      'under-provisioned',
      ['memory-high'],
    ],
    [
      'saturated CPU',
      { cpuP50Trusted: 0.93, cpuP95UpperBound: 0.99 },
      'under-provisioned',
      ['cpu-high'],
    ],
    [
      'low memory',
      { memoryP95Trusted: 0.3, memoryP95UpperBound: 0.3 },
      'over-provisioned',
      ['memory-low'],
    ],
    [
      'low CPU (upper bounds prove it)',
      {
        cpuP50Trusted: undefined,
        cpuP95Trusted: undefined,
        cpuTrustedCount: 0,
        cpuP95UpperBound: 0.35,
      },
      'over-provisioned',
      ['cpu-low'],
    ],
    [
      'low CPU already at 1 vCPU',
      { vcpu: 1, cpuP95Trusted: 0.3, cpuP95UpperBound: 0.35 },
      'right-sized',
      [],
    ],
    [
      'low memory already at 512 MiB',
      { memoryBytes: 512 * 2 ** 20, memoryP95Trusted: 0.2, memoryP95UpperBound: 0.2 },
      'right-sized',
      [],
    ],
    [
      'low memory measured alone, high upper bounds from shared windows',
      {
        executions: 393,
        attempts: 393,
        memoryP95Trusted: 0.18,
        memoryTrustedCount: 192,
        memoryP95UpperBound: 0.9,
      },
      'over-provisioned',
      ['memory-low'],
    ],
    [
      'too few measured alone to leave the upper bounds out',
      {
        memoryP95Trusted: 0.18,
        memoryTrustedCount: MIN_MEASURED_FOR_LOW - 1,
        memoryP95UpperBound: 0.9,
      },
      'right-sized',
      [],
    ],
    [
      'OOMs beat low CPU',
      { oomAttempts: 5, cpuP95Trusted: 0.2, cpuP95UpperBound: 0.2 },
      'under-provisioned',
      ['oom-rate', 'cpu-low'],
    ],
    ['no utilisation figures', { attributedShare: 0.1 }, 'not-enough-data', []],
    [
      'no utilisation but OOMs',
      { attributedShare: 0, oomAttempts: 20 },
      'under-provisioned',
      ['oom-rate'],
    ],
  ])('%s → %s', (_, change, kind, reasons) => {
    const verdict = judgeTier({ ...healthy, ...change });
    expect(verdict.kind).toBe(kind);
    const supporting = verdict.evidence.filter((e) => e.supports !== 'none').map((e) => e.id);
    expect(supporting).toEqual(reasons);
    expect(verdict.summary.length).toBeGreaterThan(10);
  });

  it('says which executions a low figure comes from', () => {
    const verdict = judgeTier({
      ...healthy,
      executions: 393,
      memoryP95Trusted: 0.177,
      memoryTrustedCount: 192,
      memoryP95UpperBound: 0.9,
    });
    expect(verdict.summary).toContain(
      'p95 peak memory is 18% of the limit in the 192 of 393 executions measured alone',
    );
    expect(measuredAloneP95(verdict, 'memory-low')).toEqual({ value: 0.177, executions: 192 });
    const bounded = judgeTier({ ...healthy, memoryTrustedCount: 0, memoryP95UpperBound: 0.3 });
    expect(bounded.summary).toContain('p95 peak memory is at most 30% of the limit');
    // The upper bound was judged: there is no measured-alone figure to show beside it.
    expect(measuredAloneP95(bounded, 'memory-low')).toBeNull();
  });

  it('states the evidence in plain words with the figures', () => {
    const verdict = judgeTier({ ...healthy, attempts: 210, oomAttempts: 10 });
    expect(verdict.summary).toContain('10 of 210 attempts ran out of memory');
    expect(verdict.evidence.find((e) => e.id === 'oom-rate')).toMatchObject({
      value: 10 / 210,
      threshold: 0.01,
      unit: 'fraction',
    });
  });
});
