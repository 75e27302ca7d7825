'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { guardedAction } from '@/lib/auth/guard';
import { malformedActionInput } from '@/lib/http/action-input';
import type { ChangeActionState } from '@/lib/changes/actions';
import { appChangeContext } from '@/lib/changes/app-context';
import { proposeSplit } from '@/lib/changes/plans/split';
import { splitFromForm } from '@/lib/changes/plans/split-schema';
import { placeOfForm } from '@/lib/changes/place';

/** The split form's adapter: the same service, role check and field errors as the API. */
export async function proposeSplitAction(
  job: string,
  _previous: ChangeActionState,
  form: FormData,
): Promise<ChangeActionState> {
  const malformed = malformedActionInput({ job, form });
  if (malformed) return malformed;
  const place = placeOfForm(form);
  const malformedPlace = malformedActionInput({ place });
  if (malformedPlace) return malformedPlace;
  const result = await guardedAction('propose-change', async (user) =>
    proposeSplit(await appChangeContext(), user, { ...splitFromForm(job, form), ...place }),
  );
  if (!result.ok) return result;
  revalidatePath('/changes');
  revalidatePath('/audit');
  redirect(`/changes/${result.value.id}`);
}
