/**
 * What every server action returns: its value, or a failure with the status an API would answer,
 * a message and the message for each field. One type for every form, so one component shows them.
 */
import type { FieldErrors } from './errors';

export type ActionFailure = {
  readonly ok: false;
  readonly status: 400 | 401 | 403 | 409 | 429;
  readonly error: string;
  readonly fieldErrors?: FieldErrors;
};

export type ActionResult<T = undefined> = { readonly ok: true; readonly value: T } | ActionFailure;
