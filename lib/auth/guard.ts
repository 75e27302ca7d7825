import { actionFailure, type ActionResult } from '@/lib/service/action-state';
import { forbidden, unauthorized } from 'next/navigation';
import { refuseCrossSite } from '@/lib/http/same-origin';
import { AuthError, ForbiddenError, isAccessError } from './errors';
import { minimumRole, roleSatisfies, type Requirement, type Role } from '@/lib/domain/roles';
import { getCurrentUser, type CurrentUser } from './session';

export type AuthorizedUser = CurrentUser & { readonly role: Role };

/**
 * THE access check. Every page, server action and route handler goes through it (directly or via
 * the adapters below); hiding a button is never the only check.
 */
export async function requireRole(requirement: Requirement): Promise<AuthorizedUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthError();
  const requiredRole = minimumRole(requirement);
  if (user.role === null || !roleSatisfies(user.role, requirement)) {
    throw new ForbiddenError(user.email, user.role, requiredRole);
  }
  return { ...user, role: user.role };
}

/**
 * For pages and layouts: renders the nearest unauthorized.tsx (401) or forbidden.tsx (403). Call it
 * before anything suspends, and keep loading.tsx out of guarded segments: once streaming has
 * started the status can no longer change from 200.
 */
export async function requirePageRole(requirement: Requirement): Promise<AuthorizedUser> {
  try {
    return await requireRole(requirement);
  } catch (error) {
    if (!isAccessError(error)) throw error;
    return error instanceof AuthError ? unauthorized() : forbidden();
  }
}

/**
 * For route handlers: the handler runs only for an allowed user; otherwise JSON `{ error }`.
 * Mutating methods first pass the same-origin and JSON checks (`lib/http/same-origin.ts`).
 */
export function withRole<Context>(
  requirement: Requirement,
  handler: (
    request: Request,
    context: Context,
    user: AuthorizedUser,
  ) => Response | Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    let user: AuthorizedUser;
    try {
      user = await requireRole(requirement);
    } catch (error) {
      if (!isAccessError(error)) throw error;
      return Response.json({ error: error.message }, { status: error.status });
    }
    return handler(request, context, user);
  };
}

export type { ActionFailure, ActionResult } from '@/lib/service/action-state';

/** For server actions: runs `perform` for an allowed user; otherwise a typed failure, never a throw. */
export async function actionWithRole<T>(
  requirement: Requirement,
  perform: (user: AuthorizedUser) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  let user: AuthorizedUser;
  try {
    user = await requireRole(requirement);
  } catch (error) {
    if (!isAccessError(error)) throw error;
    return { ok: false, status: error.status, error: error.message };
  }
  return perform(user);
}

/**
 * The one way a server action runs a service: the role is checked, the service's errors become
 * the action's typed failure (status, message, field errors), and anything else is thrown on.
 */
export async function guardedAction<T>(
  requirement: Requirement,
  perform: (user: AuthorizedUser) => Promise<T>,
): Promise<ActionResult<T>> {
  return actionWithRole(requirement, async (user) => {
    try {
      return { ok: true, value: await perform(user) };
    } catch (error) {
      return actionFailure(error);
    }
  });
}
