'use server';

import { revalidatePath } from 'next/cache';
import { guardedAction } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import type { ChangeActionState } from './actions';
import { appChangeContext } from './app-context';
import { markAppliedOutside } from './outside';

export async function markAppliedOutsideAction(
  id: string,
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ id, form });
  if (malformed) return malformed;
  const result = await guardedAction('apply-change', async (user) => {
    await markAppliedOutside(await appChangeContext(), user, id, { note: form.get('note') });
    return { message: 'Recorded as applied outside Tierwise.' };
  });
  revalidatePath('/changes');
  revalidatePath(`/changes/${id}`);
  revalidatePath('/audit');
  return result;
}
