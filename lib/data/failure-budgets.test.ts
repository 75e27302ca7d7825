/** The per-job failure budget cap: checked, stored, audited and read back on SQLite and PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/store/audit';
import { getJobFailureBudget, listJobFailureBudgets } from '@/lib/store/job-failure-budgets';
import type { Store } from '@/lib/store/schema';
import { isServiceError } from '@/lib/service/errors';
import { DIALECTS } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import {
  DEFAULT_MAX_FAILURE_RATE,
  maxFailureRateOf,
  parseFailureBudgetInput,
  saveJobFailureBudget,
} from './failure-budgets';

const place = { project: 'demo-project', region: 'europe-west1' };
const known = new Set(['reel-stitching-job', 'thumbnails']);
const exists = async (job: string) => known.has(job);

describe('parseFailureBudgetInput', () => {
  it('reads a percentage, with or without the sign, and empty as the default', () => {
    expect(parseFailureBudgetInput({ job: 'reel', maxFailurePercent: '0.5' })).toEqual({
      ok: true,
      value: { job: 'reel', maxFailureRate: 0.005 },
    });
    expect(parseFailureBudgetInput({ job: 'reel', maxFailurePercent: ' 2% ' })).toMatchObject({
      value: { maxFailureRate: 0.02 },
    });
    expect(parseFailureBudgetInput({ job: 'reel', maxFailurePercent: '' })).toMatchObject({
      value: { maxFailureRate: null },
    });
  });

  it.each(['0', '-1', '50', 'lots', '1e-1', 'NaN', '0.5.1'])('refuses %s', (value) => {
    const parsed = parseFailureBudgetInput({ job: 'reel', maxFailurePercent: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.maxFailurePercent).toMatch(/percentage of executions/);
  });

  it('refuses a name Cloud Run would not take', () => {
    const parsed = parseFailureBudgetInput({ job: 'Reel_Job', maxFailurePercent: '1' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.job).toMatch(/lowercase letters/);
  });
});

describe.each(DIALECTS)('job failure budgets on %s', (dialect) => {
  let store: Store;
  databaseForTests(dialect, async (database) => {
    store = await database.open(() => 1_700_000_000_000);
  });

  const ref = { ...place, job: 'reel-stitching-job' };

  it('is the default until an admin sets one, then that cap, audited', async () => {
    expect(await maxFailureRateOf(store, ref)).toBe(DEFAULT_MAX_FAILURE_RATE);
    const saved = await saveJobFailureBudget(
      store,
      place,
      { job: 'reel-stitching-job', maxFailurePercent: '1.5' },
      'Admin@example.com',
      exists,
    );
    expect(saved).toMatchObject({ maxFailureRate: 0.015, updatedBy: 'admin@example.com' });
    expect(await maxFailureRateOf(store, ref)).toBeCloseTo(0.015, 12);
    await saveJobFailureBudget(
      store,
      place,
      { job: 'reel-stitching-job', maxFailurePercent: '0.25' },
      'admin@example.com',
      exists,
    );
    expect(await maxFailureRateOf(store, ref)).toBeCloseTo(0.0025, 12);
    expect(await maxFailureRateOf(store, { ...ref, region: 'us-central1' })).toBe(
      DEFAULT_MAX_FAILURE_RATE,
    );
    const audit = await listAudit(store, {
      target: 'job:demo-project/europe-west1/reel-stitching-job',
      limit: 10,
    });
    expect(audit.map((entry) => [entry.action, entry.details])).toEqual([
      ['job-failure-budget.updated', { from: 0.015, to: 0.0025 }],
      ['job-failure-budget.updated', { from: null, to: 0.015 }],
    ]);
  });

  it('returns to the default when the value is emptied', async () => {
    await saveJobFailureBudget(
      store,
      place,
      { job: 'thumbnails', maxFailurePercent: '3' },
      'admin@example.com',
      exists,
    );
    expect((await listJobFailureBudgets(store)).map((b) => b.job)).toEqual([
      'reel-stitching-job',
      'thumbnails',
    ]);
    await saveJobFailureBudget(
      store,
      place,
      { job: 'thumbnails', maxFailurePercent: '' },
      'admin@example.com',
      exists,
    );
    expect(await getJobFailureBudget(store, { ...place, job: 'thumbnails' })).toBeNull();
    expect(await maxFailureRateOf(store, { ...place, job: 'thumbnails' })).toBe(
      DEFAULT_MAX_FAILURE_RATE,
    );
  });

  it('stores nothing for a bad value or an unknown job, with a field error', async () => {
    const attempts = [
      {
        raw: { job: 'reel-stitching-job', maxFailurePercent: '80' },
        status: 400,
        field: 'maxFailurePercent',
      },
      { raw: { job: 'no-such-job', maxFailurePercent: '1' }, status: 404, field: 'job' },
    ];
    for (const { raw, status, field } of attempts) {
      const error: unknown = await saveJobFailureBudget(
        store,
        place,
        raw,
        'a@example.com',
        exists,
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isServiceError(error) && error.status).toBe(status);
      expect(isServiceError(error) && Object.keys(error.fieldErrors)).toEqual([field]);
    }
    expect(await maxFailureRateOf(store, ref)).toBeCloseTo(0.0025, 12);
    expect(await getJobFailureBudget(store, { ...place, job: 'no-such-job' })).toBeNull();
  });
});
