import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listAudit } from './audit';
import { CorruptRowError, StaleWriteError } from './errors';
import type { Store } from './schema';
import { getSetting, putSetting } from './settings';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';

const tierPolicy = z.object({
  tiers: z.array(z.object({ name: z.string(), maxVcpu: z.number() })),
});

describe.each(DIALECTS)('settings on %s', (dialect) => {
  let store: Store;
  const clock = manualClock();
  const database = databaseForTests(dialect, async (database) => {
    store = await database.open(clock.now);
  });

  it('is null until written, then reads back the value, version and author', async () => {
    expect(await getSetting(store, 'tier-policy')).toBeNull();
    const policy = { tiers: [{ name: 'small', maxVcpu: 1 }] };
    const written = await putSetting(store, 'tier-policy', policy, {
      expectedVersion: 0,
      actor: 'Ana@example.com',
    });
    expect(written).toEqual({
      key: 'tier-policy',
      value: policy,
      version: 1,
      updatedBy: 'ana@example.com',
      updatedAt: clock.now(),
    });
    expect(await getSetting(store, 'tier-policy', tierPolicy)).toEqual(written);
  });

  it('writes only over the version the writer read; the stale writer is told to reload', async () => {
    await putSetting(
      store,
      'price-book',
      { vcpuSecondUsd: 1 },
      { expectedVersion: 0, actor: 'ana@example.com' },
    );
    const readVersion = (await getSetting(store, 'price-book'))?.version ?? 0;
    await putSetting(
      store,
      'price-book',
      { vcpuSecondUsd: 2 },
      { expectedVersion: readVersion, actor: 'ana@example.com' },
    );
    const stale = putSetting(
      store,
      'price-book',
      { vcpuSecondUsd: 3 },
      { expectedVersion: readVersion, actor: 'bo@example.com' },
    );
    await expect(stale).rejects.toThrow(StaleWriteError);
    await expect(stale).rejects.toThrow(/changed meanwhile \(version 2, expected 1\); reload/);
    expect(await getSetting(store, 'price-book')).toMatchObject({
      value: { vcpuSecondUsd: 2 },
      version: 2,
    });
  });

  it('refuses to create a setting that someone else created first, or to update one that does not exist', async () => {
    await putSetting(store, 'created-twice', 1, { expectedVersion: 0, actor: 'ana@example.com' });
    await expect(
      putSetting(store, 'created-twice', 2, { expectedVersion: 0, actor: 'bo@example.com' }),
    ).rejects.toThrow(StaleWriteError);
    await expect(
      putSetting(store, 'never-created', 2, { expectedVersion: 4, actor: 'bo@example.com' }),
    ).rejects.toThrow(/does not exist/);
  });

  it('lets exactly one of two instances win a simultaneous write of the same version', async () => {
    const other = await database.open(clock.now);
    await putSetting(store, 'contested', 'start', { expectedVersion: 0, actor: 'ana@example.com' });
    const outcomes = await Promise.allSettled([
      putSetting(store, 'contested', 'ana', { expectedVersion: 1, actor: 'ana@example.com' }),
      putSetting(other, 'contested', 'bo', { expectedVersion: 1, actor: 'bo@example.com' }),
    ]);
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers.map((loser) => loser.reason)).toEqual([expect.any(StaleWriteError)]);
    expect((await getSetting(store, 'contested'))?.version).toBe(2);
  });

  it('audits every successful write with the new version and value, and nothing for a refused one', async () => {
    const entries = await listAudit(store, { target: 'setting:price-book', limit: 10 });
    expect(entries.map((entry) => entry.details)).toEqual([
      { version: 2, value: { vcpuSecondUsd: 2 } },
      { version: 1, value: { vcpuSecondUsd: 1 } },
    ]);
    expect(entries.every((entry) => entry.action === 'setting.updated')).toBe(true);
  });

  it('reports a stored value that is not JSON, or not the expected shape, as a corrupt row', async () => {
    await sql`insert into settings (key, value, version, updated_by, updated_at)
              values ('broken', '{"tiers": [', 1, 'system', 1)`.execute(store.db);
    await expect(getSetting(store, 'broken')).rejects.toThrow(
      /settings\.value for broken is unreadable \(not valid JSON\)/,
    );
    await putSetting(
      store,
      'wrong-shape',
      { tiers: [{ name: 'small' }] },
      { expectedVersion: 0, actor: 'ana@example.com' },
    );
    const reading = getSetting(store, 'wrong-shape', tierPolicy);
    await expect(reading).rejects.toThrow(CorruptRowError);
    await expect(reading).rejects.toThrow(/at tiers\.0\.maxVcpu/);
  });
});
