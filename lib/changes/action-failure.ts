/** A change error as a server action's typed failure: field errors for the form, else a status. */
import type { ActionFailure } from '@/lib/auth/guard';
import { ChangeInputError, isChangeError } from './errors';

export function failure(error: unknown): ActionFailure {
  if (!isChangeError(error)) throw error;
  if (error instanceof ChangeInputError) {
    const fieldErrors = Object.fromEntries(
      Object.entries(error.errors).map(([field, message]) => [field, [message]]),
    );
    return { ok: false, status: 400, error: error.message, fieldErrors };
  }
  const status = error.status === 403 ? 403 : error.status === 404 ? 400 : 409;
  return { ok: false, status, error: error.message };
}
