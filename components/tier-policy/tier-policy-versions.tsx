import type { AuthorizedUser } from '@/lib/auth/guard';
import { appTierPolicyView } from '@/lib/tier-policy/view';
import { Card } from '@/components/ui/card';
import { DecisionOutcome } from './decision-outcome';
import { HistoryTable } from './history-table';
import { InForceLine } from './in-force';
import { PendingProposal } from './pending-proposal';
import { PolicyTable } from './policy-table';

/**
 * The version in force, the proposals awaiting review (with their diffs) and the history; after a
 * decision, what became of the proposal decided (`decided`, its id).
 */
export async function TierPolicyVersions({
  user,
  decided,
}: {
  user: AuthorizedUser;
  decided: string | null;
}) {
  const { inForce, pending, history } = await appTierPolicyView();
  return (
    <div className="grid gap-6">
      {decided ? (
        <DecisionOutcome proposal={history.find((version) => version.id === decided)} />
      ) : null}
      <Card title="In force">
        <div className="grid gap-3">
          <InForceLine inForce={inForce} />
          <PolicyTable policy={inForce.policy} label="Tier policy in force" />
        </div>
      </Card>
      <section aria-labelledby="pending-heading" className="grid gap-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Awaiting review ({pending.length})
        </h2>
        {pending.length === 0 ? (
          <p className="text-sm text-muted">No proposal is waiting for review.</p>
        ) : (
          pending.map((proposal) => (
            <PendingProposal key={proposal.id} proposal={proposal} inForce={inForce} user={user} />
          ))
        )}
      </section>
      <Card title="History">
        <HistoryTable versions={history} inForceId={inForce.proposalId} />
      </Card>
    </div>
  );
}
