import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { env } from '@/lib/env';
import { createStoreDirectory } from '@/lib/auth/store-directory';
import { getStore } from '@/lib/store/instance';
import { DEMO_COOKIE, demoUserFromCookie } from './demo';
import { createMemoryDirectory, withFirstAdmins, type RoleDirectory } from './directory';
import { AuthError } from './errors';
import { IAP_ASSERTION_HEADER } from './iap';
import { iapVerifierFor } from './iap-verifier';
import { authMode, type AuthMode } from './mode';
import type { Role } from '@/lib/domain/roles';

export interface CurrentUser {
  readonly email: string;
  /** null: signed in through IAP but not granted any role yet. */
  readonly role: Role | null;
  readonly mode: AuthMode;
}

let directory: RoleDirectory | undefined;

/** Where IAP users' roles come from; the app wires the store in, tests an in-memory directory. */
export function setRoleDirectory(next: RoleDirectory): void {
  directory = withFirstAdmins(next, env().TIERWISE_ADMINS);
}

/** The users table of the process's store, opened on first use. */
function storeDirectory(): RoleDirectory {
  const opened = async () => createStoreDirectory(await getStore());
  return {
    getRole: async (email) => (await opened()).getRole(email),
    ensureAdmins: async (emails) => (await opened()).ensureAdmins(emails),
    listUsers: async () => (await opened()).listUsers(),
    grantRole: async (email, role, actor) => (await opened()).grantRole(email, role, actor),
    revokeUser: async (email, actor) => (await opened()).revokeUser(email, actor),
  };
}

/** The directory IAP roles are read from and /admin/users writes to: the store in IAP mode. */
export function roleDirectory(): RoleDirectory {
  const settings = env();
  directory ??= withFirstAdmins(
    authMode(settings) === 'iap' ? storeDirectory() : createMemoryDirectory(),
    settings.TIERWISE_ADMINS,
  );
  return directory;
}

/**
 * Who is making this request, proven on every call: the IAP assertion is verified here as well as
 * in the proxy, so a route the proxy does not cover still cannot be reached with a forged header.
 * Returns null when nobody is signed in.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Request data first: it marks the render as per-request (needed for the CSP nonce too)
  // before settings are read, so nothing identity-dependent is ever prerendered at build time.
  const [requestHeaders, requestCookies] = await Promise.all([headers(), cookies()]);
  const settings = env();
  const mode = authMode(settings);
  if (mode === 'demo') {
    const user = demoUserFromCookie(requestCookies.get(DEMO_COOKIE)?.value);
    return { ...user, mode };
  }
  try {
    const identity = await iapVerifierFor(settings)(requestHeaders.get(IAP_ASSERTION_HEADER));
    return { email: identity.email, role: await roleDirectory().getRole(identity.email), mode };
  } catch (error) {
    if (error instanceof AuthError) return null;
    throw error;
  }
});
