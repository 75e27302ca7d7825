/**
 * Tier policy versions: thresholds and the tier → job mapping are proposed, approved by someone
 * other than the requester, and only then served to orchestrators at GET /api/tier-policy.
 */
import { sameTierPolicy } from '@/lib/domain/tier-policy-diff';
import type { Store } from '@/lib/store';
import type { Actor } from '@/lib/changes/service-context';
import {
  ChangeForbiddenError,
  ChangeInputError,
  ChangeNotFoundError,
  ChangeStateError,
} from '@/lib/changes/errors';
import { requirePermission } from '@/lib/changes/permissions';
import { parseDecision } from '@/lib/changes/proposal-schema';
import {
  approvedTierPolicy,
  decideProposal,
  findProposal,
  insertProposal,
  StaleBaseError,
  type TierPolicyProposal,
} from '@/lib/store/tier-policies';
import { parseTierPolicyProposal } from '@/lib/tier-policy/schema';

export async function proposeTierPolicy(
  store: Store,
  actor: Actor,
  raw: unknown,
): Promise<TierPolicyProposal> {
  requirePermission(actor, 'propose-change', 'propose a tier policy');
  const parsed = parseTierPolicyProposal(raw);
  if (!parsed.ok) throw new ChangeInputError(parsed.errors);
  const { policy, reason } = parsed.value;
  const current = await approvedTierPolicy(store);
  if (sameTierPolicy(current.policy, policy)) {
    throw new ChangeInputError({
      policy: `This is the approved policy (version ${current.version}) already.`,
    });
  }
  return insertProposal(store, {
    policy,
    reason,
    requester: actor.email,
    baseVersion: current.version,
  });
}

async function load(store: Store, id: string): Promise<TierPolicyProposal> {
  const found = await findProposal(store, id);
  if (!found) throw new ChangeNotFoundError(id, 'tier-policy');
  return found;
}

export async function approveTierPolicy(store: Store, actor: Actor, id: string, raw: unknown) {
  requirePermission(actor, 'approve-change', 'approve a tier policy');
  const decision = parseDecision(raw, false);
  if (!decision.ok) throw new ChangeInputError(decision.errors);
  const proposal = await load(store, id);
  if (proposal.requester === actor.email.trim().toLowerCase()) {
    throw new ChangeForbiddenError(
      'You proposed this tier policy; another approver must approve it.',
    );
  }
  try {
    if (
      !(await decideProposal(store, id, { to: 'approved', actor: actor.email, ...decision.value }))
    ) {
      throw new ChangeStateError(
        `Tier policy proposal ${id} is already ${(await load(store, id)).state}.`,
      );
    }
  } catch (error) {
    if (!(error instanceof StaleBaseError)) throw error;
    await decideProposal(store, id, { to: 'superseded', actor: actor.email });
    throw new ChangeStateError(
      `Another tier policy was approved after this one was proposed (from version ${proposal.baseVersion}); it is superseded — propose again from the current policy.`,
    );
  }
  return { proposal: await load(store, id), approved: await approvedTierPolicy(store) };
}

export async function rejectTierPolicy(store: Store, actor: Actor, id: string, raw: unknown) {
  requirePermission(actor, 'approve-change', 'reject a tier policy');
  const decision = parseDecision(raw, true);
  if (!decision.ok) throw new ChangeInputError(decision.errors);
  const proposal = await load(store, id);
  if (proposal.requester === actor.email.trim().toLowerCase()) {
    throw new ChangeForbiddenError('You proposed this tier policy; it cannot be rejected by you.');
  }
  if (
    !(await decideProposal(store, id, { to: 'rejected', actor: actor.email, ...decision.value }))
  ) {
    throw new ChangeStateError(
      `Tier policy proposal ${id} is already ${(await load(store, id)).state}.`,
    );
  }
  return load(store, id);
}

/** The ETag orchestrators revalidate with: it changes exactly when a new version is approved. */
export function tierPolicyEtag(version: number): string {
  return `"tier-policy-v${version}"`;
}
