import type { Role } from '@/lib/domain/roles';
import { ServiceError } from '@/lib/service/errors';

/** No proven identity: the request carries no valid sign-in. Maps to HTTP 401. */
export class AuthError extends ServiceError {
  declare readonly status: 401;
  constructor(message = 'Sign in through the Identity-Aware Proxy to use Tierwise.') {
    super(401, message);
    this.name = 'AuthError';
  }
}

/** A proven identity without the role an operation needs. Maps to HTTP 403. */
export class ForbiddenError extends ServiceError {
  declare readonly status: 403;
  constructor(
    readonly email: string,
    readonly role: Role | null,
    readonly requiredRole: Role,
  ) {
    super(
      403,
      role === null
        ? `${email} has no Tierwise role yet; an admin must grant at least "${requiredRole}".`
        : `You need the "${requiredRole}" role for this; ${email} has "${role}".`,
    );
    this.name = 'ForbiddenError';
  }
}

export type AccessError = AuthError | ForbiddenError;

export function isAccessError(error: unknown): error is AccessError {
  return error instanceof AuthError || error instanceof ForbiddenError;
}
