import { z } from 'zod';
import { ROLES, type Role } from '@/lib/domain/roles';
import { insertAudit } from './audit';
import { InvalidEmailError, LastAdminError } from './errors';
import { parseColumn } from './json';
import type { Executor, Store } from './schema';

export { ROLES, type Role };

export interface UserRole {
  readonly email: string;
  readonly role: Role;
  readonly grantedBy: string;
  /** Epoch ms. */
  readonly grantedAt: number;
}

export const SYSTEM_ACTOR = 'system';
const roleSchema = z.enum(ROLES);
const emailSchema = z.email();

/** Emails compare case-insensitively; the store keeps them lowercased. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!emailSchema.safeParse(normalized).success) throw new InvalidEmailError(email);
  return normalized;
}

export async function getRole(store: Store, email: string): Promise<Role | null> {
  const row = await store.db
    .selectFrom('users')
    .select('role')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? parseRole(row.role, email) : null;
}

export async function listUsers(store: Store): Promise<UserRole[]> {
  const rows = await store.db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map((row) => ({
    email: row.email,
    role: parseRole(row.role, row.email),
    grantedBy: row.granted_by,
    grantedAt: Number(row.granted_at),
  }));
}

export interface GrantRole {
  readonly email: string;
  readonly role: Role;
  readonly actor: string;
}

/** Grants (or changes) a role; the change and its audit entry commit together. */
export async function grantRole(store: Store, grant: GrantRole): Promise<UserRole> {
  const email = normalizeEmail(grant.email);
  const role = roleSchema.parse(grant.role);
  return store.db.transaction().execute(async (trx) => {
    const previousRole = await currentRole(trx, email);
    if (previousRole === 'admin' && role !== 'admin') await refuseLastAdmin(store, trx, email);
    const user: UserRole = {
      email,
      role,
      grantedBy: grant.actor.toLowerCase(),
      grantedAt: store.now(),
    };
    await trx
      .insertInto('users')
      .values({ email, role, granted_by: user.grantedBy, granted_at: user.grantedAt })
      .onConflict((oc) =>
        oc
          .column('email')
          .doUpdateSet({ role, granted_by: user.grantedBy, granted_at: user.grantedAt }),
      )
      .execute();
    await insertAudit(trx, user.grantedAt, {
      actor: grant.actor,
      action: 'role.granted',
      target: `user:${email}`,
      details: { role, previousRole },
    });
    return user;
  });
}

/** Removes every role of a user; false when they had none (and then nothing is audited). */
export async function revokeUser(
  store: Store,
  revoke: { email: string; actor: string },
): Promise<boolean> {
  const email = normalizeEmail(revoke.email);
  return store.db.transaction().execute(async (trx) => {
    const previousRole = await currentRole(trx, email);
    if (previousRole === null) return false;
    if (previousRole === 'admin') await refuseLastAdmin(store, trx, email);
    await trx.deleteFrom('users').where('email', '=', email).execute();
    await insertAudit(trx, store.now(), {
      actor: revoke.actor,
      action: 'role.revoked',
      target: `user:${email}`,
      details: { previousRole },
    });
    return true;
  });
}

/** Makes each email an admin unless it already is (TIERWISE_ADMINS); repeat calls change nothing. */
export async function ensureAdmins(store: Store, emails: readonly string[]): Promise<void> {
  for (const email of new Set(emails.map(normalizeEmail))) {
    if ((await getRole(store, email)) === 'admin') continue;
    await grantRole(store, { email, role: 'admin', actor: SYSTEM_ACTOR });
  }
}

async function currentRole(trx: Executor, email: string): Promise<Role | null> {
  const row = await trx
    .selectFrom('users')
    .select('role')
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? parseRole(row.role, email) : null;
}

async function refuseLastAdmin(store: Store, trx: Executor, email: string): Promise<void> {
  let admins = trx.selectFrom('users').select('email').where('role', '=', 'admin');
  // Row locks keep two admins from demoting each other at once on PostgreSQL; SQLite's
  // BEGIN IMMEDIATE already runs one writer at a time.
  if (store.dialect === 'postgres') admins = admins.forUpdate();
  const rows = await admins.execute();
  if (rows.length <= 1) throw new LastAdminError(email);
}

function parseRole(value: string, email: string): Role {
  return parseColumn(roleSchema, value, { table: 'users', rowKey: email, column: 'role' });
}
