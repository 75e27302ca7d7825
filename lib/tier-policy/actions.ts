'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { guardedAction } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import { fieldMessages } from '@/lib/service/action-state';
import type { SettingsFormState } from '@/lib/data/settings-schema';
import { getStore } from '@/lib/store/instance';
import type { ChangeActionState } from '@/lib/changes/actions';
import {
  approveTierPolicy,
  proposeTierPolicy,
  rejectTierPolicy,
} from '@/lib/tier-policy/proposals';
import { formFieldErrors, tierPolicyProposalFromForm } from '@/lib/tier-policy/schema';

/** The settings form's adapter: the tiers as edited become a proposal, never the policy itself. */
export async function proposeTierPolicyAction(
  _previous: SettingsFormState | null,
  form: FormData,
): Promise<SettingsFormState> {
  const malformed = malformedActionInput({ form });
  if (malformed) return { ok: false, message: malformed.error, errors: {} };
  const result = await guardedAction('propose-change', async (user) =>
    proposeTierPolicy(await getStore(), user, tierPolicyProposalFromForm(form)),
  );
  if (!result.ok) {
    if (!result.fieldErrors) return { ok: false, message: result.error, errors: {} };
    return {
      ok: false,
      message: 'Some fields need fixing; nothing was proposed.',
      errors: formFieldErrors(fieldMessages(result.fieldErrors)),
    };
  }
  revalidatePath('/settings');
  revalidatePath('/tier-policy');
  revalidatePath('/audit');
  return {
    ok: true,
    message:
      'Proposed. Reports keep the version in force until another approver approves it on the tier policy page.',
    errors: {},
  };
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
