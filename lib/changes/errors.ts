/**
 * What can go wrong with a change request, each with the HTTP status its adapters answer and a
 * message the person acting can follow.
 */
import { FieldInputError, ServiceError } from '@/lib/service/errors';

/** Input that fails the rules: one message per field (`limits.cpu`, `reason`, …). Maps to 400. */
export class ChangeInputError extends FieldInputError {
  constructor(errors: Readonly<Record<string, string>>) {
    super(errors);
    this.name = 'ChangeInputError';
  }
}

/** The person may not do this to this change (wrong role, their own change). Maps to 403. */
export class ChangeForbiddenError extends ServiceError {
  declare readonly status: 403;
  constructor(message: string) {
    super(403, message);
    this.name = 'ChangeForbiddenError';
  }
}

/** No such change request, or tier policy proposal (`what`). Maps to 404. */
export class ChangeNotFoundError extends ServiceError {
  declare readonly status: 404;
  constructor(
    readonly id: string,
    what: 'change' | 'tier-policy' = 'change',
  ) {
    super(
      404,
      what === 'change'
        ? `No change request ${id}; check the link or find it on the changes page.`
        : `No tier policy proposal ${id}; check the link or find it on the tier policy page.`,
    );
    this.name = 'ChangeNotFoundError';
  }
}

/** The change is not in a state that allows this, or the job moved under it. Maps to 409. */
export class ChangeStateError extends ServiceError {
  declare readonly status: 409;
  constructor(message: string, options?: ErrorOptions) {
    super(409, message, options);
    this.name = 'ChangeStateError';
  }
}

/** Google could not be reached or refused for a reason other than the input. Maps to 502. */
export class ChangeUpstreamError extends ServiceError {
  declare readonly status: 502;
  constructor(message: string, options?: ErrorOptions) {
    super(502, message, options);
    this.name = 'ChangeUpstreamError';
  }
}

export type ChangeError =
  | ChangeInputError
  | ChangeForbiddenError
  | ChangeNotFoundError
  | ChangeStateError
  | ChangeUpstreamError;

export function isChangeError(error: unknown): error is ChangeError {
  return (
    error instanceof ChangeInputError ||
    error instanceof ChangeForbiddenError ||
    error instanceof ChangeNotFoundError ||
    error instanceof ChangeStateError ||
    error instanceof ChangeUpstreamError
  );
}
