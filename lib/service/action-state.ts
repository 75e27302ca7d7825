/**
 * What every server action returns: its value, or a failure with the status an API would answer,
 * a message and the message for each field. One type for every form, so one component shows them.
 */
import { isServiceError, type FieldErrors, type ServiceError } from './errors';

export type ActionFailure = {
  readonly ok: false;
  readonly status: 400 | 401 | 403 | 409 | 429;
  readonly error: string;
  readonly fieldErrors?: FieldErrors;
};

export type ActionResult<T = undefined> = { readonly ok: true; readonly value: T } | ActionFailure;

/** A service's error as an action's failure; anything else is a bug and is thrown on. */
export function actionFailure(error: unknown): ActionFailure {
  if (!isServiceError(error)) throw error;
  const status = ACTION_STATUSES.find((code) => code === error.status) ?? actionStatusOf(error);
  return Object.keys(error.fieldErrors).length > 0
    ? { ok: false, status, error: error.message, fieldErrors: error.fieldErrors }
    : { ok: false, status, error: error.message };
}

const ACTION_STATUSES = [400, 401, 403, 409, 429] as const;

/** Statuses a form has no use for, folded: a missing target is bad input, Google's trouble a conflict to retry. */
function actionStatusOf(error: ServiceError): ActionFailure['status'] {
  return error.status < 500 ? 400 : 409;
}

/** `{ field: ['a', 'b'] }` → `{ field: 'a b' }`, for forms that show one line per field. */
export function fieldMessages(fieldErrors: FieldErrors | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors ?? {}).map(([field, messages]) => [field, messages.join(' ')]),
  );
}
