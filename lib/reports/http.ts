/** Route handlers' answers for the service's errors: the status each carries and its plain message. */
import { StoreUnavailableError } from '@/lib/store';
import { ReportRequestError } from '@/lib/data/report';
import { GcpError, GcpNotFoundError } from '@/lib/gcp';

type StatusError = Error & {
  status: number;
  fieldErrors?: Readonly<Record<string, readonly string[]>>;
};

function hasStatus(error: unknown): error is StatusError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

export function errorResponse(error: unknown, format: 'json' | 'text' = 'json'): Response {
  let status: number;
  let message: string;
  let fieldErrors: StatusError['fieldErrors'];
  if (hasStatus(error) && error.status >= 400 && error.status < 500) {
    ({ status, message, fieldErrors } = {
      status: error.status,
      message: error.message,
      fieldErrors: error.fieldErrors,
    });
  } else if (error instanceof ReportRequestError) {
    [status, message] = [400, error.message];
  } else if (error instanceof GcpNotFoundError) {
    [status, message] = [404, error.message];
  } else if (error instanceof GcpError) {
    [status, message] = [502, error.message];
  } else if (error instanceof StoreUnavailableError) {
    [status, message] = [503, error.message];
  } else {
    throw error;
  }
  const headers = { 'cache-control': 'no-store' };
  if (format === 'text') {
    return new Response(`${message}\n`, {
      status,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return Response.json(fieldErrors ? { error: message, fieldErrors } : { error: message }, {
    status,
    headers,
  });
}
