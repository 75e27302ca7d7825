/** What the tier policy pages show: the version in force, proposals awaiting review, history. */
import type { Store } from '@/lib/store';
import { getStore } from '@/lib/store/instance';
import {
  approvedTierPolicy,
  listProposals,
  type ApprovedTierPolicy,
  type TierPolicyProposal,
} from '@/lib/store/tier-policies';

export interface TierPolicyView {
  readonly inForce: ApprovedTierPolicy;
  /** Every proposal still `proposed`, newest first. */
  readonly pending: readonly TierPolicyProposal[];
  /** Every version in any state, newest first (the latest 200). */
  readonly history: readonly TierPolicyProposal[];
}

export async function getTierPolicyView(store: Store): Promise<TierPolicyView> {
  const [inForce, pending, history] = await Promise.all([
    approvedTierPolicy(store),
    listProposals(store, { state: 'proposed', limit: 500 }),
    listProposals(store, { limit: 200 }),
  ]);
  return { inForce, pending, history };
}

/** The view from the process's store. */
export async function appTierPolicyView(): Promise<TierPolicyView> {
  return getTierPolicyView(await getStore());
}
