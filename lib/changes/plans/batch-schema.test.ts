import { describe, expect, it } from 'vitest';
import {
  batchFromForm,
  MAX_BATCH_ITEMS,
  parseBatch,
  rowErrors,
} from '@/lib/changes/plans/batch-schema';

const GiB = 2 ** 30;

describe('parseBatch', () => {
  it('reads every item with limits as numbers, leaving out what was not given', () => {
    expect(
      parseBatch({
        reason: 'Every tier job runs at a third of its limits',
        items: [
          { job: 'reel-small', tier: 'small', limits: { cpu: '1', memory: '2Gi' } },
          { job: 'reel-large', tier: 'large', limits: { cpu: 4, memory: '8Gi', maxRetries: '1' } },
        ],
      }),
    ).toEqual({
      ok: true,
      value: {
        reason: 'Every tier job runs at a third of its limits',
        items: [
          { job: 'reel-small', tier: 'small', limits: { vcpu: 1, memoryBytes: 2 * GiB } },
          {
            job: 'reel-large',
            tier: 'large',
            limits: { vcpu: 4, memoryBytes: 8 * GiB, maxRetries: 1 },
          },
        ],
      },
    });
  });

  it('names every bad field of every item in one round', () => {
    const result = parseBatch({
      reason: 'why',
      items: [
        { job: 'Reel Job', tier: '', limits: { cpu: '1', memory: '2Gi' } },
        {
          job: 'reel-large',
          tier: 'large',
          limits: { cpu: '3', memory: '1Gi', timeoutSeconds: 0 },
        },
        { job: 'reel-xlarge', tier: 'xlarge' },
      ],
    });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual([
      'items.0.job',
      'items.0.tier',
      'items.1.limits.cpu',
      'items.1.limits.timeoutSeconds',
      'items.2.limits',
      'reason',
    ]);
  });

  it.each([
    [{}, 'items'],
    [{ reason: 'A reason long enough', items: [] }, 'items'],
    [
      {
        reason: 'A reason long enough',
        items: Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, index) => ({
          job: `job-${index}`,
          tier: `t${index}`,
          limits: { cpu: '1', memory: '1Gi' },
        })),
      },
      'items',
    ],
  ])('refuses %j on %s', (raw, field) => {
    const result = parseBatch(raw);
    expect(result.ok ? [] : Object.keys(result.errors)).toContain(field);
  });
});

describe('the form', () => {
  function form(rows: Record<string, string>[]) {
    const data = new FormData();
    data.set('rowCount', String(rows.length));
    data.set('reason', 'Right-size every tier job');
    rows.forEach((row, index) => {
      for (const [name, value] of Object.entries(row)) data.set(`items.${index}.${name}`, value);
    });
    return data;
  }

  it('sends only the rows ticked, and maps item errors back to their rows', () => {
    const { body, rows } = batchFromForm(
      form([
        { include: 'on', job: 'reel-small', tier: 'small', cpu: '1', memory: '2Gi' },
        { job: 'reel-medium', tier: 'medium', cpu: '2', memory: '4Gi' },
        { include: 'on', job: 'reel-large', tier: 'large', cpu: '3', memory: '8Gi' },
      ]),
    );
    expect(rows).toEqual([0, 2]);
    expect(body.items?.map((item) => item.tier)).toEqual(['small', 'large']);
    const parsed = parseBatch(body);
    const errors = parsed.ok ? {} : rowErrors(parsed.errors, rows);
    expect(errors).toEqual({ 'items.2.limits.cpu': expect.stringMatching(/1, 2, 4, 6 or 8/) });
  });

  it('keeps keys that name no item as they are', () => {
    expect(rowErrors({ reason: 'Too short', items: 'Include at least one tier.' }, [])).toEqual({
      reason: 'Too short',
      items: 'Include at least one tier.',
    });
  });
});
