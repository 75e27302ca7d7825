import { describe, expect, it } from 'vitest';
import { MAX_STAGE_CUT, memoryStages } from './stages';

const GI = 1024 ** 3;
const MI = 1024 ** 2;

describe('staged memory lowering', () => {
  it('raises, keeps and small cuts in one step', () => {
    expect(memoryStages(2 * GI, 4 * GI)).toEqual([4 * GI]);
    expect(memoryStages(4 * GI, 4 * GI)).toEqual([4 * GI]);
    expect(memoryStages(4 * GI, 3 * GI)).toEqual([3 * GI]);
  });

  it('lowers 4Gi to 512Mi in cuts of at most a quarter, on 128Mi steps, ending at the target', () => {
    const steps = memoryStages(4 * GI, 512 * MI);
    expect(steps.map((bytes) => bytes / MI)).toEqual([
      3072, 2304, 1792, 1408, 1152, 896, 768, 640, 512,
    ]);
    let previous = 4 * GI;
    for (const step of steps) {
      expect(1 - step / previous).toBeLessThanOrEqual(MAX_STAGE_CUT);
      expect(step % (128 * MI)).toBe(0);
      previous = step;
    }
  });

  it('refuses nonsense', () => {
    expect(() => memoryStages(0, GI)).toThrow(RangeError);
    expect(() => memoryStages(GI, GI / 2, 1)).toThrow(RangeError);
  });
});
