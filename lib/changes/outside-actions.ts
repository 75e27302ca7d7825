'use server';

import { revalidatePath } from 'next/cache';
import { actionWithRole } from '@/lib/auth/guard';
import { failure } from './action-failure';
import type { ChangeActionState } from './actions';
import { appChangeContext } from './app-context';
import { markAppliedOutside } from './outside';

export async function markAppliedOutsideAction(
  id: string,
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  const result = await actionWithRole('apply-change', async (user) => {
    try {
      await markAppliedOutside(await appChangeContext(), user, id, { note: form.get('note') });
      return { ok: true as const, value: { message: 'Recorded as applied outside Tierwise.' } };
    } catch (error) {
      return failure(error);
    }
  });
  revalidatePath('/changes');
  revalidatePath(`/changes/${id}`);
  revalidatePath('/audit');
  return result;
}
