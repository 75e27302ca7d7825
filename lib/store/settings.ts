import { z } from 'zod';
import { insertAudit } from './audit';
import { StaleWriteError } from './errors';
import { jsonValue, parseJsonColumn, toJsonText, type JsonValue } from './json';
import type { Store } from './schema';

export interface Setting<T> {
  readonly key: string;
  readonly value: T;
  /** Starts at 1 and goes up by one with every write; pass it back as `expectedVersion`. */
  readonly version: number;
  readonly updatedBy: string;
  /** Epoch ms. */
  readonly updatedAt: number;
}

export interface PutSetting {
  /** The version the writer read; 0 when creating a setting that must not exist yet. */
  readonly expectedVersion: number;
  readonly actor: string;
}

/** Reads a setting, checked against `schema` (any JSON when omitted); null when never written. */
export async function getSetting<T = JsonValue>(
  store: Store,
  key: string,
  schema?: z.ZodType<T>,
): Promise<Setting<T> | null> {
  const row = await store.db
    .selectFrom('settings')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  const value = parseJsonColumn((schema ?? jsonValue) as z.ZodType<T>, row.value, {
    table: 'settings',
    rowKey: key,
    column: 'value',
  });
  return {
    key,
    value,
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: Number(row.updated_at),
  };
}

/**
 * Compare-and-set: writes only if the stored version is still `expectedVersion`, so of two admins
 * editing the same policy the second gets a StaleWriteError instead of silently overwriting.
 */
export async function putSetting<T>(
  store: Store,
  key: string,
  value: T,
  options: PutSetting,
): Promise<Setting<T>> {
  const text = toJsonText(value);
  const updatedAt = store.now();
  const updatedBy = options.actor.toLowerCase();
  const version = options.expectedVersion + 1;
  return store.db.transaction().execute(async (trx) => {
    const written =
      options.expectedVersion === 0
        ? await trx
            .insertInto('settings')
            .values({ key, value: text, version, updated_by: updatedBy, updated_at: updatedAt })
            .onConflict((oc) => oc.column('key').doNothing())
            .executeTakeFirst()
        : await trx
            .updateTable('settings')
            .set({ value: text, version, updated_by: updatedBy, updated_at: updatedAt })
            .where('key', '=', key)
            .where('version', '=', options.expectedVersion)
            .executeTakeFirst();
    const rows =
      'numInsertedOrUpdatedRows' in written
        ? written.numInsertedOrUpdatedRows
        : written.numUpdatedRows;
    if (rows !== 1n) {
      const current = await trx
        .selectFrom('settings')
        .select('version')
        .where('key', '=', key)
        .executeTakeFirst();
      throw new StaleWriteError(
        key,
        options.expectedVersion,
        current ? Number(current.version) : null,
      );
    }
    await insertAudit(trx, updatedAt, {
      actor: options.actor,
      action: 'setting.updated',
      target: `setting:${key}`,
      details: { version, value: JSON.parse(text) as JsonValue },
    });
    return { key, value, version, updatedBy, updatedAt };
  });
}
