import { roleSatisfies } from '@/lib/domain/roles';
import type { Actor } from '@/lib/changes/service-context';
import type { ApprovedTierPolicy, TierPolicyProposal } from '@/lib/store/tier-policies';
import { Card } from '@/components/ui/card';
import { PolicyDiff } from './policy-diff';
import { ProposalDecision } from './proposal-decision';
import { utcMinute } from './when';

/** Why the decision buttons are not offered, or null when they are. */
function refusalOf(proposal: TierPolicyProposal, user: Actor): string | null {
  if (!roleSatisfies(user.role, 'approve-change')) return 'An approver reviews this proposal.';
  if (proposal.requester === user.email.trim().toLowerCase()) {
    return 'You proposed this tier policy, so another approver must review it.';
  }
  return null;
}

/** One proposal awaiting review: who and why, its diff against the version in force, the decision. */
export function PendingProposal({
  proposal,
  inForce,
  user,
}: {
  proposal: TierPolicyProposal;
  inForce: ApprovedTierPolicy;
  user: Actor;
}) {
  const refusal = refusalOf(proposal, user);
  const stale = proposal.baseVersion !== inForce.version;
  return (
    <div id={`proposal-${proposal.id}`} data-proposal={proposal.id}>
      <Card title={`Proposed by ${proposal.requester} on ${utcMinute(proposal.createdAt)}`}>
        <div className="grid gap-4">
          <p className="text-sm">{proposal.reason}</p>
          {stale ? (
            <p role="note" className="rounded border border-warning p-2 text-sm text-warning">
              Written against version {proposal.baseVersion}; version {inForce.version} is in force
              now, so approving it will mark it superseded. Propose again from the version in force.
            </p>
          ) : null}
          <PolicyDiff
            before={inForce.policy}
            after={proposal.policy}
            label={`Changes proposed by ${proposal.requester}`}
          />
          {refusal ? (
            <p className="text-sm text-muted">{refusal}</p>
          ) : (
            <ProposalDecision id={proposal.id} />
          )}
        </div>
      </Card>
    </div>
  );
}
