/**
 * The one error every service throws when a request cannot be done as asked: an HTTP status its
 * adapters answer with, a message the person acting can follow, and, for bad input, the message
 * for each field (`limits.cpu`, `reason`, …) so a form can show it beside the field.
 */

export type ServiceStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 502 | 503;

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export class ServiceError extends Error {
  readonly fieldErrors: FieldErrors;

  constructor(
    readonly status: ServiceStatus,
    message: string,
    options: ErrorOptions & { fieldErrors?: FieldErrors } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServiceError';
    this.fieldErrors = options.fieldErrors ?? {};
  }
}

/**
 * Input that fails the rules, one message per field (`limits.cpu`, `url`, …): a 400 whose message
 * names the fields, unless the feature says what was not done in its own words.
 */
export class FieldInputError extends ServiceError {
  declare readonly status: 400;

  constructor(
    readonly errors: Readonly<Record<string, string>>,
    message = `Fix ${Object.keys(errors).join(', ')}: ${Object.values(errors).join(' ')}`,
  ) {
    super(400, message, { fieldErrors: fieldErrorsOf(errors) });
    this.name = 'FieldInputError';
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/** `{ field: 'message' }` → `{ field: ['message'] }`, the shape forms and JSON bodies use. */
export function fieldErrorsOf(errors: Readonly<Record<string, string>>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, [message]]));
}

/** The JSON body every route answers a ServiceError with. */
export function serviceErrorBody(error: ServiceError): {
  error: string;
  fieldErrors?: FieldErrors;
} {
  return Object.keys(error.fieldErrors).length > 0
    ? { error: error.message, fieldErrors: error.fieldErrors }
    : { error: error.message };
}
