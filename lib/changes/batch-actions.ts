'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { actionWithRole } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import type { ChangeActionState } from './actions';
import { appChangeContext } from './app-context';
import { failure } from './action-failure';
import { proposeChanges } from './batch';
import { batchFromForm, rowErrors } from './batch-schema';

/**
 * The "all tiers at once" form's adapter: the same service, role check and field errors as
 * `POST /api/changes/batch`, with each item's errors keyed by the form row it came from.
 */
export async function proposeChangesAction(
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ form });
  if (malformed) return malformed;
  const { body, rows } = batchFromForm(form);
  const result = await actionWithRole('propose-change', async (user) => {
    try {
      return {
        ok: true as const,
        value: await proposeChanges(await appChangeContext(), user, body),
      };
    } catch (error) {
      return failure(error);
    }
  });
  if (!result.ok) {
    if (!result.fieldErrors) return result;
    const flat = Object.fromEntries(
      Object.entries(result.fieldErrors).map(([field, messages]) => [field, messages.join(' ')]),
    );
    const fieldErrors = Object.fromEntries(
      Object.entries(rowErrors(flat, rows)).map(([field, message]) => [field, [message]]),
    );
    return { ...result, fieldErrors };
  }
  revalidatePath('/changes');
  revalidatePath('/audit');
  redirect('/changes?state=proposed');
}
