import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { loadViewParams, policyFromUrl, viewQuery, windowOf } from './view-params';

const DAY = 86_400_000;

describe('report state in the URL', () => {
  it('defaults to 30 days, the saved book and policy, and the balanced objective', () => {
    const view = loadViewParams({});
    expect(view).toMatchObject({ days: 30, book: null, policy: null, objective: 'balanced' });
    expect(viewQuery(view)).toBe('');
  });

  it('round-trips a view through its query string', () => {
    const view = loadViewParams({
      days: '7',
      book: 'services-request',
      objective: 'cost',
      policy: JSON.stringify(DEFAULT_TIER_POLICY),
    });
    expect(loadViewParams(new URLSearchParams(viewQuery(view)))).toEqual(view);
    expect(viewQuery(view)).toContain('days=7');
  });

  it.each([
    [{ days: '12' }, { days: 30 }],
    [{ book: 'cheapest' }, { book: null }],
    [{ objective: 'fun' }, { objective: 'balanced' }],
  ])('ignores a value it does not know: %j', (query, expected) => {
    expect(loadViewParams(query)).toMatchObject(expected);
  });

  it('covers whole UTC days from `from` to `to` inclusive, and ignores a reversed range', () => {
    const view = loadViewParams({ from: '2026-11-01', to: '2026-11-07' });
    expect(windowOf(view)).toEqual({
      kind: 'range',
      startMs: Date.UTC(2026, 10, 1),
      endMs: Date.UTC(2026, 10, 1) + 7 * DAY,
    });
    expect(windowOf(loadViewParams({ from: '2026-11-07', to: '2026-11-01', days: '90' }))).toEqual({
      kind: 'days',
      days: 90,
    });
    expect(windowOf(loadViewParams({ from: '2026-11-07' }))).toEqual({ kind: 'days', days: 30 });
  });

  it('keeps the last 400 days of a longer range and says where it asked to start', () => {
    const view = loadViewParams({ from: '1970-01-01', to: '2026-12-01' });
    const endMs = Date.UTC(2026, 11, 2);
    expect(windowOf(view)).toEqual({
      kind: 'range',
      startMs: endMs - 400 * DAY,
      endMs,
      clampedFromMs: 0,
    });
  });

  it('takes a tier policy from a link only when it is valid', () => {
    expect(policyFromUrl(DEFAULT_TIER_POLICY)).toEqual(DEFAULT_TIER_POLICY);
    expect(policyFromUrl({ tiers: [{ id: 'a', label: 'A', maxClipCount: 2 }] })).toBeNull();
    expect(
      policyFromUrl({
        tiers: [
          { id: 'a', label: 'A', maxClipCount: '2' },
          { id: 'b', label: 'B' },
        ],
      }),
    ).toBeNull();
    expect(policyFromUrl({ tiers: 'small' })).toBeNull();
  });
});
