/**
 * How every route handler answers a failed service call: a ServiceError with its own status and
 * message (and its field errors), Google's failures as 404 / 502, an unreachable database as 503.
 * Anything else is a bug and is thrown on, so the framework logs it and answers 500.
 */
import { GcpError, GcpNotFoundError } from '@/lib/gcp/errors';
import { StoreUnavailableError } from '@/lib/store/errors';
import { fieldMessages } from './action-state';
import { isServiceError, type FieldErrors } from './errors';

const NO_STORE = { 'cache-control': 'no-store' };

export function serviceErrorResponse(error: unknown, format: 'json' | 'text' = 'json'): Response {
  const { status, message, fieldErrors } = describe(error);
  if (format === 'text') {
    return new Response(`${message}\n`, {
      status,
      headers: { ...NO_STORE, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const fields =
    fieldErrors && Object.keys(fieldErrors).length > 0
      ? // `errors` (one line per field) is what the change API answered first; both are kept.
        { fieldErrors, errors: fieldMessages(fieldErrors) }
      : {};
  return Response.json({ error: message, ...fields }, { status, headers: NO_STORE });
}

function describe(error: unknown): { status: number; message: string; fieldErrors?: FieldErrors } {
  if (isServiceError(error)) {
    return { status: error.status, message: error.message, fieldErrors: error.fieldErrors };
  }
  if (error instanceof GcpNotFoundError) return { status: 404, message: error.message };
  if (error instanceof GcpError) return { status: 502, message: error.message };
  if (error instanceof StoreUnavailableError) return { status: 503, message: error.message };
  throw error;
}
