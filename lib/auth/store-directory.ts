import type { RoleDirectory } from '@/lib/auth/directory';
import type { Store } from '@/lib/store/schema';
import { ensureAdmins, getRole, grantRole, listUsers, revokeUser } from '@/lib/store/users';

/** The sign-in layer's view of roles, backed by the users table (every change audited). */
export function createStoreDirectory(store: Store): RoleDirectory {
  return {
    getRole: (email) => getRole(store, email),
    ensureAdmins: (emails) => ensureAdmins(store, emails),
    listUsers: async () => (await listUsers(store)).map(({ email, role }) => ({ email, role })),
    grantRole: async (email, role, actorEmail) => {
      await grantRole(store, { email, role, actor: actorEmail });
    },
    revokeUser: async (email, actorEmail) => {
      await revokeUser(store, { email, actor: actorEmail });
    },
  };
}
