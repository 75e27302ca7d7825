import { z } from 'zod';
import { CorruptRowError } from './errors';

/** Any JSON value: what settings and audit details may hold. */
export const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const jsonObject: z.ZodType<JsonObject> = z.record(z.string(), jsonValue);

export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('Only JSON values can be stored');
  return text;
}

interface ColumnRef {
  readonly table: string;
  readonly rowKey: string;
  readonly column: string;
}

/** Parses a JSON text column through its schema; anything unexpected is a CorruptRowError, not a crash later. */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string, where: ColumnRef): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CorruptRowError(where.table, where.rowKey, where.column, 'not valid JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const at = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    throw new CorruptRowError(
      where.table,
      where.rowKey,
      where.column,
      `${first?.message ?? 'invalid'}${at}`,
    );
  }
  return result.data;
}

/** Checks a plain column against a closed set or shape, with the same clear error. */
export function parseColumn<T>(schema: z.ZodType<T>, value: unknown, where: ColumnRef): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new CorruptRowError(
      where.table,
      where.rowKey,
      where.column,
      `unexpected value ${JSON.stringify(value)}`,
    );
  }
  return result.data;
}
