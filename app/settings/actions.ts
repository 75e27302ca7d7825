'use server';

import { revalidatePath } from 'next/cache';
import { guardedAction, type ActionResult } from '@/lib/auth/guard';
import { saveAppJobFailureBudget } from '@/lib/data/failure-budgets-app';
import { currentStore, savePriceBook, StaleWriteError } from '@/lib/data/settings';
import { formatShare } from '@/lib/format';
import { priceBookFromForm } from '@/lib/data/settings-schema';
import { malformedActionInput } from '@/lib/http/action-input';
import { ServiceError } from '@/lib/service/errors';

type Outcome = ActionResult<{ message: string }>;

export async function savePriceBookAction(
  expectedVersion: number,
  _previous: Outcome | null,
  form: FormData,
): Promise<Outcome> {
  const malformed = malformedActionInput({ version: expectedVersion, form });
  if (malformed) return malformed;
  const result = await guardedAction('edit-settings', async (user) => {
    try {
      const raw = priceBookFromForm(form);
      return await savePriceBook(await currentStore(), { raw, expectedVersion, actor: user.email });
    } catch (error) {
      if (error instanceof StaleWriteError) {
        throw new ServiceError(
          409,
          'Someone else saved the price book while you were editing. Reload the page to see theirs, then edit again.',
        );
      }
      throw error;
    }
  });
  if (!result.ok) return result;
  revalidatePath('/', 'layout');
  return {
    ok: true,
    value: { message: `Saved the price book as version ${result.value}. Reports now use it.` },
  };
}

/** Sets (or, emptied, removes) one job's failure budget cap; admins only. */
export async function saveFailureBudgetAction(
  _previous: Outcome | null,
  form: FormData,
): Promise<Outcome> {
  const malformed = malformedActionInput({ form });
  if (malformed) return malformed;
  const job = form.get('job');
  const result = await guardedAction('edit-settings', (user) =>
    saveAppJobFailureBudget({ job, maxFailurePercent: form.get('maxFailurePercent') }, user.email),
  );
  if (!result.ok) return result;
  revalidatePath('/', 'layout');
  const saved = result.value;
  return {
    ok: true,
    value: {
      message: saved
        ? `Saved: at most ${formatShare(saved.maxFailureRate)} of ${saved.job}'s executions may fail. Its recommendations now keep to it.`
        : `${String(job).trim()} is back to the default failure budget.`,
    },
  };
}
