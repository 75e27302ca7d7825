'use server';

import { revalidatePath } from 'next/cache';
import { guardedAction } from '@/lib/auth/guard';
import { saveAppJobFailureBudget } from '@/lib/data/failure-budgets-app';
import { currentStore, savePriceBook, StaleWriteError } from '@/lib/data/settings';
import { formatShare } from '@/lib/format';
import { priceBookFromForm, type SettingsFormState } from '@/lib/data/settings-schema';
import { malformedActionInput } from '@/lib/http/action-input';
import { fieldMessages } from '@/lib/service/action-state';
import { ServiceError } from '@/lib/service/errors';

type Save = (raw: unknown, expectedVersion: number, actor: string) => Promise<number>;

async function save(
  what: string,
  raw: unknown,
  expectedVersion: number,
  write: Save,
): Promise<SettingsFormState> {
  const result = await guardedAction('edit-settings', async (user) => {
    try {
      return await write(raw, expectedVersion, user.email);
    } catch (error) {
      if (error instanceof StaleWriteError) {
        throw new ServiceError(
          409,
          `Someone else saved the ${what} while you were editing. Reload the page to see theirs, then edit again.`,
        );
      }
      throw error;
    }
  });
  if (!result.ok) {
    const message = result.fieldErrors
      ? 'Some fields need fixing; nothing was saved.'
      : result.error;
    return { ok: false, message, errors: fieldMessages(result.fieldErrors) };
  }
  revalidatePath('/', 'layout');
  return {
    ok: true,
    message: `Saved the ${what} as version ${result.value}. Reports now use it.`,
    errors: {},
  };
}

export async function savePriceBookAction(
  expectedVersion: number,
  _previous: SettingsFormState | null,
  form: FormData,
): Promise<SettingsFormState> {
  const malformed = malformedActionInput({ version: expectedVersion, form });
  if (malformed) return { ok: false, message: malformed.error, errors: {} };
  return save('price book', priceBookFromForm(form), expectedVersion, async (raw, version, actor) =>
    savePriceBook(await currentStore(), { raw, expectedVersion: version, actor }),
  );
}

/** Sets (or, emptied, removes) one job's failure budget cap; admins only. */
export async function saveFailureBudgetAction(
  _previous: SettingsFormState | null,
  form: FormData,
): Promise<SettingsFormState> {
  const malformed = malformedActionInput({ form });
  if (malformed) return { ok: false, message: malformed.error, errors: {} };
  const job = form.get('job');
  const maxFailurePercent = form.get('maxFailurePercent');
  const result = await guardedAction('edit-settings', (user) =>
    saveAppJobFailureBudget({ job, maxFailurePercent }, user.email),
  );
  if (!result.ok) {
    const message = result.fieldErrors
      ? 'Some fields need fixing; nothing was saved.'
      : result.error;
    return { ok: false, message, errors: fieldMessages(result.fieldErrors) };
  }
  revalidatePath('/', 'layout');
  const saved = result.value;
  return {
    ok: true,
    message: saved
      ? `Saved: at most ${formatShare(saved.maxFailureRate)} of ${saved.job}'s executions may fail. Its recommendations now keep to it.`
      : `${String(job).trim()} is back to the default failure budget.`,
    errors: {},
  };
}
