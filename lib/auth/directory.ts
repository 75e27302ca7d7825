import type { Role } from '@/lib/domain/roles';

export interface UserRecord {
  readonly email: string;
  readonly role: Role;
}

/** Where IAP users' roles live. The store implements it; tests use the in-memory one. */
export interface RoleDirectory {
  /** The granted role, or null for an email nobody has granted anything. */
  getRole(email: string): Promise<Role | null>;
  /** Makes every listed email an admin (the first admins come from TIERWISE_ADMINS). */
  ensureAdmins(emails: readonly string[]): Promise<void>;
  listUsers(): Promise<UserRecord[]>;
  /** Grants (or changes) a role; `actorEmail` is who did it, for the audit log. */
  grantRole(email: string, role: Role, actorEmail: string): Promise<void>;
  revokeUser(email: string, actorEmail: string): Promise<void>;
}

export function createMemoryDirectory(initial: Record<string, Role> = {}): RoleDirectory & {
  readonly roles: Map<string, Role>;
} {
  const roles = new Map(Object.entries(initial));
  return {
    roles,
    async getRole(email) {
      return roles.get(email.toLowerCase()) ?? null;
    },
    async ensureAdmins(emails) {
      for (const email of emails) roles.set(email.toLowerCase(), 'admin');
    },
    async listUsers() {
      return [...roles]
        .map(([email, role]) => ({ email, role }))
        .sort((a, b) => a.email.localeCompare(b.email));
    },
    async grantRole(email, role) {
      roles.set(email.toLowerCase(), role);
    },
    async revokeUser(email) {
      roles.delete(email.toLowerCase());
    },
  };
}

/** Runs ensureAdmins once per directory, before its first use, not at import time. */
export function withFirstAdmins(
  directory: RoleDirectory,
  admins: readonly string[],
): RoleDirectory {
  let seeded: Promise<void> | undefined;
  const seed = () => {
    seeded ??= directory.ensureAdmins(admins).catch((error: unknown) => {
      seeded = undefined;
      throw error;
    });
    return seeded;
  };
  const afterSeed =
    <Args extends unknown[], Result>(run: (...args: Args) => Promise<Result>) =>
    async (...args: Args) => {
      await seed();
      return run(...args);
    };
  return {
    getRole: afterSeed((email: string) => directory.getRole(email)),
    ensureAdmins: (emails) => directory.ensureAdmins(emails),
    listUsers: afterSeed(() => directory.listUsers()),
    grantRole: afterSeed((email: string, role: Role, actor: string) =>
      directory.grantRole(email, role, actor),
    ),
    revokeUser: afterSeed((email: string, actor: string) => directory.revokeUser(email, actor)),
  };
}
