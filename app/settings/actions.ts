'use server';

import { revalidatePath } from 'next/cache';
import { guardedAction } from '@/lib/auth/guard';
import { currentStore, savePriceBook, StaleWriteError } from '@/lib/data/settings';
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
