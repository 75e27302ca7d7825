import Link from 'next/link';
import type { TierPolicyProposal } from '@/lib/store/tier-policies';
import { utcMinute } from './when';

/** Proposals awaiting review, each linked to where an approver decides on it. */
export function PendingLinks({ pending }: { pending: readonly TierPolicyProposal[] }) {
  if (pending.length === 0) {
    return <p className="text-sm text-muted">No proposal is waiting for review.</p>;
  }
  return (
    <div className="text-sm">
      <h3 className="font-medium">
        {pending.length === 1 ? 'One proposal waits' : `${pending.length} proposals wait`} for
        review
      </h3>
      <ul className="mt-1 list-disc pl-5">
        {pending.map((proposal) => (
          <li key={proposal.id}>
            {proposal.requester} on {utcMinute(proposal.createdAt)}: {proposal.reason}{' '}
            <Link href={`/tier-policy#proposal-${proposal.id}`} className="text-accent underline">
              Review the proposal by {proposal.requester}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
