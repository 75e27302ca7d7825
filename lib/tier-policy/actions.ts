'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { guardedAction } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import { getStore } from '@/lib/store/instance';
import type { ChangeActionState } from '@/lib/changes/actions';
import {
  approveTierPolicy,
  proposeTierPolicy,
  rejectTierPolicy,
} from '@/lib/tier-policy/proposals';
import { tierPolicyProposalFromForm } from '@/lib/tier-policy/schema';

/** The settings form's adapter: the tiers as edited become a proposal, never the policy itself. */
export async function proposeTierPolicyAction(
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ form });
  if (malformed) return malformed;
  const result = await guardedAction('propose-change', async (user) => {
    await proposeTierPolicy(await getStore(), user, tierPolicyProposalFromForm(form));
    return {
      message:
        'Proposed. Reports keep the version in force until another approver approves it on the tier policy page.',
    };
  });
  if (!result.ok) return result;
  revalidatePath('/settings');
  revalidatePath('/tier-policy');
  revalidatePath('/audit');
  return result;
}

const comment = (form: FormData) => ({ comment: form.get('comment') ?? undefined });

async function decide(
  verb: 'approve' | 'reject',
  id: string,
  form: FormData,
): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ id, form });
  if (malformed) return malformed;
  const result = await guardedAction('approve-change', async (user) => {
    const store = await getStore();
    if (verb === 'reject') await rejectTierPolicy(store, user, id, comment(form));
    else await approveTierPolicy(store, user, id, comment(form));
    return { message: verb === 'reject' ? 'Rejected.' : 'Approved.' };
  });
  // An approval changes what every report classifies with; a rejection only this page.
  revalidatePath(verb === 'approve' ? '/' : '/tier-policy', verb === 'approve' ? 'layout' : 'page');
  revalidatePath('/audit');
  // A decided proposal (approved, rejected, or found superseded) leaves the pending list and its
  // form with it, so the page itself says what became of it.
  if (result.ok || result.status === 409)
    redirect(`/tier-policy?decided=${encodeURIComponent(id)}`);
  return result;
}

export async function approveTierPolicyAction(
  id: string,
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  return decide('approve', id, form);
}

export async function rejectTierPolicyAction(
  id: string,
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  return decide('reject', id, form);
}
