'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { actionWithRole } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import type { SettingsFormState } from '@/lib/data/settings-schema';
import { getStore } from '@/lib/store/instance';
import type { ChangeActionState } from './actions';
import { failure } from './action-failure';
import { approveTierPolicy, proposeTierPolicy, rejectTierPolicy } from './tier-policy';
import { formFieldErrors, tierPolicyProposalFromForm } from './tier-policy-schema';

/** The settings form's adapter: the tiers as edited become a proposal, never the policy itself. */
export async function proposeTierPolicyAction(
  _previous: SettingsFormState | null,
  form: FormData,
): Promise<SettingsFormState> {
  const malformed = malformedActionInput({ form });
  if (malformed) return { ok: false, message: malformed.error, errors: {} };
  const result = await actionWithRole('propose-change', async (user) => {
    try {
      const raw = tierPolicyProposalFromForm(form);
      return { ok: true, value: await proposeTierPolicy(await getStore(), user, raw) };
    } catch (error) {
      return failure(error);
    }
  });
  if (!result.ok) {
    if (!result.fieldErrors) return { ok: false, message: result.error, errors: {} };
    const errors = Object.fromEntries(
      Object.entries(result.fieldErrors).map(([field, messages]) => [field, messages.join(' ')]),
    );
    return {
      ok: false,
      message: 'Some fields need fixing; nothing was proposed.',
      errors: formFieldErrors(errors),
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
  const result = await actionWithRole('approve-change', async (user) => {
    try {
      const store = await getStore();
      if (verb === 'reject') await rejectTierPolicy(store, user, id, comment(form));
      else await approveTierPolicy(store, user, id, comment(form));
      return { ok: true, value: { message: verb === 'reject' ? 'Rejected.' : 'Approved.' } };
    } catch (error) {
      return failure(error);
    }
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
