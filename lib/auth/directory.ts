import type { Role } from './roles';

/** Where IAP users' roles live. The store implements it; tests use the in-memory one. */
export interface RoleDirectory {
  /** The granted role, or null for an email nobody has granted anything. */
  getRole(email: string): Promise<Role | null>;
  /** Makes every listed email an admin (the first admins come from TIERWISE_ADMINS). */
  ensureAdmins(emails: readonly string[]): Promise<void>;
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
  };
}

/** Runs ensureAdmins once per directory, on the first role lookup, not at import time. */
export function withFirstAdmins(directory: RoleDirectory, admins: readonly string[]): RoleDirectory {
  let seeded: Promise<void> | undefined;
  const seed = () => {
    seeded ??= directory.ensureAdmins(admins).catch((error: unknown) => {
      seeded = undefined;
      throw error;
    });
    return seeded;
  };
  return {
    async getRole(email) {
      await seed();
      return directory.getRole(email);
    },
    ensureAdmins: (emails) => directory.ensureAdmins(emails),
  };
}
