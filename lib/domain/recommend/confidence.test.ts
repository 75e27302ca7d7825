import { describe, expect, it } from 'vitest';
import { assessConfidence, type ConfidenceInput } from './confidence';

const base: ConfidenceInput = {
  executions: 2610,
  memoryTrustedShare: 0.48,
  cpuTrustedShare: 0.48,
  basis: 'utilisation',
  vcpuChanged: false,
};

describe('assessConfidence says what limits it and what would raise it', () => {
  it('names the share of peaks measured alone, not the execution count, when that is the limit', () => {
    const { level, reasons } = assessConfidence(base);
    expect(level).toBe('low');
    expect(reasons[0]).toMatch(/^Peak memory is measured alone for only 48 % of 2610 executions/);
    expect(reasons[0]).toMatch(/would raise it/);
    expect(reasons.join(' ')).not.toMatch(/^2610 finished executions/);
  });

  it('asks for more history when the count is what holds it back', () => {
    const { level, reasons } = assessConfidence({
      ...base,
      executions: 150,
      memoryTrustedShare: 0.95,
    });
    expect(level).toBe('medium');
    expect(reasons).toEqual(['150 finished executions; 300 or more would raise it.']);
  });

  it('says vCPU scaling is unmeasured when it moves vCPU without evidence', () => {
    const { level, reasons } = assessConfidence({
      ...base,
      memoryTrustedShare: 0.9,
      basis: 'none',
      vcpuChanged: true,
    });
    expect(level).toBe('low');
    expect(reasons.join(' ')).toMatch(/Runs at another vCPU value would raise it/);
  });

  it('states what a high level rests on', () => {
    const { level, reasons } = assessConfidence({ ...base, memoryTrustedShare: 0.9 });
    expect(level).toBe('high');
    expect(reasons).toEqual([
      '2610 finished executions, peak memory measured alone for 90 % of them.',
    ]);
  });
});
