'use client';

import { CommentForm } from '@/components/changes/decision-panel';
import { approveTierPolicyAction, rejectTierPolicyAction } from '@/lib/tier-policy/actions';

/** Approve or reject one proposal; offered to approvers other than its proposer, checked again on the server. */
export function ProposalDecision({ id }: { id: string }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <CommentForm
        id={`approve-comment-${id}`}
        label="Approval comment (optional)"
        verb="Approve"
        action={approveTierPolicyAction.bind(null, id)}
      />
      <CommentForm
        id={`reject-comment-${id}`}
        label="Why reject it"
        verb="Reject"
        action={rejectTierPolicyAction.bind(null, id)}
      />
    </div>
  );
}
