/**
 * Staged lowering: memory lowered in steps, each verified before the next, so a cut that proves
 * too deep costs a few executions at one step rather than the whole way down. Raising is never
 * staged: an OOM is the risk of lowering, and a raise removes it at once.
 */
const MIB = 1024 * 1024;
/** Steps land on whole multiples of this, so each reads as a plain quantity ("3328Mi"). */
export const STAGE_GRANULARITY_BYTES = 128 * MIB;
/** Each step lowers memory by at most this share of the limit it starts from. */
export const MAX_STAGE_CUT = 0.25;

/**
 * The memory limits to apply in order, ending with `toBytes`: one entry when memory rises, stays,
 * or falls by no more than `maxCut`; otherwise steps of at most `maxCut` of the previous limit,
 * each rounded up to the granularity (so never a deeper cut than asked).
 */
export function memoryStages(
  fromBytes: number,
  toBytes: number,
  maxCut: number = MAX_STAGE_CUT,
): number[] {
  if (!(fromBytes > 0) || !(toBytes > 0)) throw new RangeError('memory limits must be positive');
  if (!(maxCut > 0 && maxCut < 1)) throw new RangeError('the cut per step must be in (0, 1)');
  const steps: number[] = [];
  let current = fromBytes;
  while (current * (1 - maxCut) > toBytes) {
    const floor = current * (1 - maxCut);
    const next = Math.ceil(floor / STAGE_GRANULARITY_BYTES) * STAGE_GRANULARITY_BYTES;
    // A limit too small for one granule's cut to land between: go straight to the target.
    if (next >= current || next <= toBytes) break;
    steps.push(next);
    current = next;
  }
  return [...steps, toBytes];
}
