'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { guardedAction, type ActionResult } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import { applyChange, type ApplyOutcome } from './apply';
import { appChangeContext } from './app-context';
import { approveChange, rejectChange, withdrawChange } from './decide';
import { proposeChange } from './propose';
import { proposalFromForm } from './proposal-schema';
import { placeOfForm } from './place';

export type ChangeActionState = ActionResult<{ message: string }> | null;

function refresh(id: string): void {
  revalidatePath('/changes');
  revalidatePath(`/changes/${id}`);
  revalidatePath('/audit');
}

export async function proposeChangeAction(
  job: string,
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ job, form });
  if (malformed) return malformed;
  // The job's project and region travel in hidden fields, so the change acts on that job.
  const place = placeOfForm(form);
  const malformedPlace = malformedActionInput({ place });
  if (malformedPlace) return malformedPlace;
  const result = await guardedAction('propose-change', async (user) =>
    proposeChange(await appChangeContext(), user, { ...proposalFromForm(job, form), ...place }),
  );
  if (!result.ok) return result;
  refresh(result.value.id);
  redirect(`/changes/${result.value.id}`);
}

const comment = (form: FormData) => ({ comment: form.get('comment') ?? undefined });

const DECISIONS = {
  approve: { requirement: 'approve-change', perform: approveChange, done: 'Approved.' },
  reject: { requirement: 'approve-change', perform: rejectChange, done: 'Rejected.' },
  withdraw: { requirement: 'propose-change', perform: withdrawChange, done: 'Withdrawn.' },
} as const;

async function decide(
  kind: keyof typeof DECISIONS,
  id: string,
  form: FormData,
): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ id, form });
  if (malformed) return malformed;
  const { requirement, perform, done } = DECISIONS[kind];
  const result = await guardedAction(requirement, async (user) => {
    await perform(await appChangeContext(), user, id, comment(form));
    return { message: done };
  });
  refresh(id);
  return result;
}

export async function approveChangeAction(
  id: string,
  _previous: ChangeActionState,
  form: FormData,
) {
  return decide('approve', id, form);
}

export async function rejectChangeAction(id: string, _previous: ChangeActionState, form: FormData) {
  return decide('reject', id, form);
}

export async function withdrawChangeAction(
  id: string,
  _previous: ChangeActionState,
  form: FormData,
) {
  return decide('withdraw', id, form);
}

const APPLY_MESSAGES: Record<ApplyOutcome, string> = {
  applied: 'Applied and verified: Cloud Run reports the approved limits.',
  'already-applied':
    'The job already had the approved limits; recorded as applied, nothing sent twice.',
  superseded:
    'The job changed since the proposal, so nothing was written; the change is superseded.',
  failed: 'Applying failed; see the reason below. Applying again is safe.',
};

export async function applyChangeAction(id: string): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ id });
  if (malformed) return malformed;
  const result = await guardedAction('apply-change', async (user) => {
    const { outcome } = await applyChange(await appChangeContext(), user, id);
    return { message: APPLY_MESSAGES[outcome] };
  });
  refresh(id);
  return result;
}
