'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { guardedAction } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import { fieldMessages } from '@/lib/service/action-state';
import { fieldErrorsOf } from '@/lib/service/errors';
import type { ChangeActionState } from '@/lib/changes/actions';
import { appChangeContext } from '@/lib/changes/app-context';
import { proposeChanges } from '@/lib/changes/plans/batch';
import { batchFromForm, rowErrors } from '@/lib/changes/plans/batch-schema';
import { placeOfForm } from '@/lib/changes/place';

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
  const place = placeOfForm(form);
  const malformedPlace = malformedActionInput({ place });
  if (malformedPlace) return malformedPlace;
  const { body, rows } = batchFromForm(form);
  const result = await guardedAction('propose-change', async (user) =>
    proposeChanges(await appChangeContext(), user, { ...body, ...place }),
  );
  if (!result.ok) {
    if (!result.fieldErrors) return result;
    return {
      ...result,
      fieldErrors: fieldErrorsOf(rowErrors(fieldMessages(result.fieldErrors), rows)),
    };
  }
  revalidatePath('/changes');
  revalidatePath('/audit');
  redirect('/changes?state=proposed');
}
