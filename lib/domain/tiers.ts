/**
 * Workload tiers: an ordered list of bounds on workload features; an execution belongs to the first
 * tier whose bounds it fits, and the last tier catches everything else. Bounds follow the seed's
 * rule `clip_count <= 3 and total_size_mb < 100`: clip counts are inclusive, sizes exclusive.
 */
import type { WorkloadFeatures } from './payload';

export type Tier = {
  readonly id: string;
  readonly label: string;
  /** At most this many clips (inclusive). */
  readonly maxClipCount?: number;
  /** Total size strictly below this many MB. */
  readonly maxTotalMb?: number;
  /** The Cloud Run job that serves this tier, when each tier runs as its own job. */
  readonly jobName?: string;
};

export type TierPolicy = { readonly tiers: readonly Tier[] };

export const UNCLASSIFIED = 'unclassified';

export const DEFAULT_TIER_POLICY: TierPolicy = {
  tiers: [
    { id: 'small', label: 'Small', maxClipCount: 3, maxTotalMb: 100 },
    { id: 'medium', label: 'Medium', maxClipCount: 6, maxTotalMb: 300 },
    { id: 'large', label: 'Large', maxClipCount: 10, maxTotalMb: 600 },
    { id: 'xlarge', label: 'Extra large' },
  ],
};

function fits(features: WorkloadFeatures, tier: Tier): boolean {
  if (tier.maxClipCount !== undefined && !(features.clipCount <= tier.maxClipCount)) return false;
  if (tier.maxTotalMb !== undefined && !(features.totalMb < tier.maxTotalMb)) return false;
  return true;
}

/** The id of the first tier the features fit, or `"unclassified"` when they are unknown. */
export function classify(features: WorkloadFeatures | undefined, policy: TierPolicy): string {
  if (!features) return UNCLASSIFIED;
  return policy.tiers.find((tier) => fits(features, tier))?.id ?? UNCLASSIFIED;
}

function hasBounds(tier: Tier): boolean {
  return tier.maxClipCount !== undefined || tier.maxTotalMb !== undefined;
}

/** `"≤ 3 clips and < 100 MB"`, or `"everything else"` for the catch-all. */
export function describeTierBounds(tier: Tier): string {
  const parts: string[] = [];
  if (tier.maxClipCount !== undefined)
    parts.push(`≤ ${tier.maxClipCount} clip${tier.maxClipCount === 1 ? '' : 's'}`);
  if (tier.maxTotalMb !== undefined) parts.push(`< ${tier.maxTotalMb} MB`);
  return parts.length === 0 ? 'everything else' : parts.join(' and ');
}

/** True when every workload `later` accepts is already taken by `earlier`. */
function covers(earlier: Tier, later: Tier): boolean {
  const clipsCovered =
    earlier.maxClipCount === undefined ||
    (later.maxClipCount !== undefined && later.maxClipCount <= earlier.maxClipCount);
  const sizeCovered =
    earlier.maxTotalMb === undefined ||
    (later.maxTotalMb !== undefined && later.maxTotalMb <= earlier.maxTotalMb);
  return clipsCovered && sizeCovered;
}

function boundErrors(tier: Tier, at: string, errors: Record<string, string>): void {
  const clips = tier.maxClipCount;
  if (clips !== undefined && (!Number.isInteger(clips) || clips < 0)) {
    errors[`${at}.maxClipCount`] =
      `The clip limit must be a whole number of 0 or more; ${clips} is not.`;
  }
  const mb = tier.maxTotalMb;
  if (mb !== undefined && (!Number.isFinite(mb) || mb <= 0)) {
    errors[`${at}.maxTotalMb`] = `The size limit must be a number of MB above 0; ${mb} is not.`;
  }
}

function identityErrors(
  tier: Tier,
  at: string,
  seen: Set<string>,
  errors: Record<string, string>,
): void {
  const id = tier.id.trim();
  if (id === '') errors[`${at}.id`] = 'Give the tier an id.';
  else if (id === UNCLASSIFIED)
    errors[`${at}.id`] = `"${UNCLASSIFIED}" is reserved for executions that cannot be read.`;
  else if (seen.has(id)) errors[`${at}.id`] = `Another tier is already called "${id}".`;
  else if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    errors[`${at}.id`] = `Use lower-case letters, digits and dashes in "${id}".`;
  seen.add(id);
  if (tier.label.trim() === '') errors[`${at}.label`] = 'Give the tier a name.';
}

export type TierPolicyValidation = { ok: true } | { ok: false; errors: Record<string, string> };

/** Field messages keyed by path (`"tiers"`, `"tiers.2.maxTotalMb"`), ready for a form. */
export function validateTierPolicy(policy: TierPolicy): TierPolicyValidation {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  const last = policy.tiers.length - 1;
  if (last < 0) errors.tiers = 'A tier policy needs at least one tier.';
  policy.tiers.forEach((tier, index) => {
    const at = `tiers.${index}`;
    identityErrors(tier, at, seen, errors);
    boundErrors(tier, at, errors);
    if (index === last && hasBounds(tier)) {
      errors[at] = 'The last tier catches everything else, so it cannot have limits.';
    }
    const shadow = policy.tiers.slice(0, index).find((earlier) => covers(earlier, tier));
    if (index !== last && !hasBounds(tier)) {
      errors[at] =
        'Only the last tier may be without limits; this one would take every later workload.';
    } else if (shadow && errors[at] === undefined) {
      errors[at] =
        `No workload would reach this tier: "${shadow.label}" comes first and takes all of them.`;
    }
  });
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}
