/**
 * What a proposed tier policy changes against the one in force, tier by tier (matched by id): a
 * tier added, removed, or with another name, bounds, job or place in the first-match order.
 */
import type { Tier, TierPolicy } from './tiers';

export const TIER_FIELDS = ['position', 'label', 'maxClipCount', 'maxTotalMb', 'jobName'] as const;
export type TierField = (typeof TIER_FIELDS)[number];

export type TierFieldValue = string | number | null;

export interface TierFieldChange {
  readonly field: TierField;
  /** Null when the tier had no such bound or job (or did not exist). */
  readonly before: TierFieldValue;
  readonly after: TierFieldValue;
}

export interface TierDiff {
  readonly id: string;
  /** The proposed name, or the removed tier's. */
  readonly label: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly changes: readonly TierFieldChange[];
}

/** Positions count from 1, as people read the first-match order. */
function valueOf(tier: Tier | undefined, index: number, field: TierField): TierFieldValue {
  if (!tier) return null;
  if (field === 'position') return index + 1;
  return tier[field] ?? null;
}

function changesOf(
  before: Tier | undefined,
  beforeIndex: number,
  after: Tier | undefined,
  afterIndex: number,
): TierFieldChange[] {
  return TIER_FIELDS.map((field) => ({
    field,
    before: valueOf(before, beforeIndex, field),
    after: valueOf(after, afterIndex, field),
  })).filter((change) => change.before !== change.after);
}

/** Every tier of `after` in its order, then the tiers of `before` that it drops. */
export function diffTierPolicies(before: TierPolicy, after: TierPolicy): TierDiff[] {
  const rows: TierDiff[] = after.tiers.map((tier, index) => {
    const beforeIndex = before.tiers.findIndex((candidate) => candidate.id === tier.id);
    const old = before.tiers[beforeIndex];
    const changes = changesOf(old, beforeIndex, tier, index);
    const status = !old ? 'added' : changes.length > 0 ? 'changed' : 'unchanged';
    return { id: tier.id, label: tier.label, status, changes };
  });
  const removed = before.tiers.flatMap((tier, index): TierDiff[] =>
    after.tiers.some((candidate) => candidate.id === tier.id)
      ? []
      : [
          {
            id: tier.id,
            label: tier.label,
            status: 'removed',
            changes: changesOf(tier, index, undefined, -1),
          },
        ],
  );
  return [...rows, ...removed];
}

/** True when the two policies classify and route every workload the same way, names included. */
export function sameTierPolicy(a: TierPolicy, b: TierPolicy): boolean {
  return diffTierPolicies(a, b).every((row) => row.status === 'unchanged');
}
