import type { TierPolicyProposal } from '@/lib/store/tier-policies';

const OUTCOMES: Partial<Record<TierPolicyProposal['state'], (p: TierPolicyProposal) => string>> = {
  approved: (p) =>
    `Approved: version ${p.approvedVersion} is in force for every report and at GET /api/tier-policy.`,
  rejected: () => 'Rejected: the version in force stays.',
  superseded: (p) =>
    `Superseded: another version was approved after this one was written against version ${p.baseVersion}. Propose again from the version in force.`,
};

/** What became of the proposal just decided on this page, announced once the page reloads. */
export function DecisionOutcome({ proposal }: { proposal: TierPolicyProposal | undefined }) {
  const outcome = proposal ? OUTCOMES[proposal.state]?.(proposal) : undefined;
  if (!proposal || !outcome) return null;
  return (
    <p
      role="status"
      className={`rounded border p-3 text-sm ${proposal.state === 'approved' ? 'border-ok text-ok' : 'border-warning text-warning'}`}
    >
      {outcome}
    </p>
  );
}
