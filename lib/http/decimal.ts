import { z } from 'zod';

/** A plain decimal as people type it: `30`, `-2`, `0.5`. Not `0x258`, `1e3`, `true` or `[30]`. */
export const DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?$/;

/**
 * A number from JSON or a form field: a JSON number, or a string holding a plain decimal. Unlike
 * `z.coerce.number()` it refuses booleans, arrays, hex and exponent notation instead of guessing.
 */
export const decimalNumber = z.union(
  [z.number(), z.string().trim().regex(DECIMAL_TEXT).transform(Number)],
  { error: 'expected a number such as 30' },
);
