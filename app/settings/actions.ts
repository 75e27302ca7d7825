'use server';

import { revalidatePath } from 'next/cache';
import { actionWithRole } from '@/lib/auth/guard';
import {
  currentStore,
  savePriceBook,
  SettingsInputError,
  StaleWriteError,
} from '@/lib/data/settings';
import { priceBookFromForm, type SettingsFormState } from '@/lib/data/settings-schema';
import { malformedActionInput } from '@/lib/http/action-input';

type Save = (raw: unknown, expectedVersion: number, actor: string) => Promise<number>;

async function save(
  what: string,
  raw: unknown,
  expectedVersion: number,
  write: Save,
): Promise<SettingsFormState> {
  const result = await actionWithRole('edit-settings', async (user) => {
    try {
      const version = await write(raw, expectedVersion, user.email);
      return { ok: true as const, value: version };
    } catch (error) {
      if (error instanceof SettingsInputError) {
        return {
          ok: false as const,
          status: 400 as const,
          error: 'Some fields need fixing; nothing was saved.',
          fieldErrors: Object.fromEntries(Object.entries(error.errors).map(([k, v]) => [k, [v]])),
        };
      }
      if (error instanceof StaleWriteError) {
        return {
          ok: false as const,
          status: 409 as const,
          error: `Someone else saved the ${what} while you were editing. Reload the page to see theirs, then edit again.`,
        };
      }
      throw error;
    }
  });
  if (!result.ok) {
    const errors = Object.fromEntries(
      Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0] ?? '']),
    );
    return { ok: false, message: result.error, errors };
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
