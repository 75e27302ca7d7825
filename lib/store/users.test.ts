import { describe, expect, it } from 'vitest';
import { listAudit } from './audit';
import { InvalidEmailError, LastAdminError } from './errors';
import { createStoreDirectory } from '@/lib/auth/store-directory';
import type { Store } from './schema';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import { ensureAdmins, getRole, grantRole, listUsers, revokeUser } from './users';

describe.each(DIALECTS)('users and roles on %s', (dialect) => {
  let store: Store;
  const clock = manualClock();
  databaseForTests(dialect, async (database) => {
    store = await database.open(clock.now);
    await ensureAdmins(store, ['root@example.com']);
  });

  it('grants a role by lowercased email and audits who granted it, in the same commit', async () => {
    clock.advance(60_000);
    const user = await grantRole(store, {
      email: ' Ana@Example.COM ',
      role: 'requester',
      actor: 'Root@example.com',
    });
    expect(user).toEqual({
      email: 'ana@example.com',
      role: 'requester',
      grantedBy: 'root@example.com',
      grantedAt: clock.now(),
    });
    expect(await getRole(store, 'ANA@example.com')).toBe('requester');
    const [entry] = await listAudit(store, { target: 'user:ana@example.com', limit: 5 });
    expect(entry).toMatchObject({
      actor: 'root@example.com',
      action: 'role.granted',
      at: clock.now(),
      details: { role: 'requester', previousRole: null },
    });
  });

  it('changes an existing role and records what it was', async () => {
    await grantRole(store, { email: 'bo@example.com', role: 'viewer', actor: 'root@example.com' });
    await grantRole(store, {
      email: 'bo@example.com',
      role: 'approver',
      actor: 'root@example.com',
    });
    expect(await getRole(store, 'bo@example.com')).toBe('approver');
    const [entry] = await listAudit(store, { target: 'user:bo@example.com', limit: 1 });
    expect(entry?.details).toEqual({ role: 'approver', previousRole: 'viewer' });
  });

  it('revokes a user with an audit entry, and does nothing for someone with no role', async () => {
    await grantRole(store, { email: 'cy@example.com', role: 'viewer', actor: 'root@example.com' });
    expect(await revokeUser(store, { email: 'CY@example.com', actor: 'root@example.com' })).toBe(
      true,
    );
    expect(await getRole(store, 'cy@example.com')).toBeNull();
    const entries = await listAudit(store, { target: 'user:cy@example.com', limit: 5 });
    expect(entries.map((entry) => entry.action)).toEqual(['role.revoked', 'role.granted']);
    expect(await revokeUser(store, { email: 'cy@example.com', actor: 'root@example.com' })).toBe(
      false,
    );
    expect(await listAudit(store, { target: 'user:cy@example.com', limit: 5 })).toHaveLength(2);
  });

  it('refuses to demote or revoke the last admin, and allows it once there is another', async () => {
    await expect(
      revokeUser(store, { email: 'root@example.com', actor: 'root@example.com' }),
    ).rejects.toThrow(LastAdminError);
    await expect(
      grantRole(store, { email: 'root@example.com', role: 'viewer', actor: 'root@example.com' }),
    ).rejects.toThrow(LastAdminError);
    expect(await getRole(store, 'root@example.com')).toBe('admin');
    await grantRole(store, { email: 'dee@example.com', role: 'admin', actor: 'root@example.com' });
    await grantRole(store, {
      email: 'root@example.com',
      role: 'approver',
      actor: 'dee@example.com',
    });
    expect(await getRole(store, 'root@example.com')).toBe('approver');
    await grantRole(store, { email: 'root@example.com', role: 'admin', actor: 'dee@example.com' });
  });

  it('refuses something that is not an email', async () => {
    await expect(
      grantRole(store, { email: 'not-an-email', role: 'viewer', actor: 'root@example.com' }),
    ).rejects.toThrow(InvalidEmailError);
  });

  it('ensures the configured admins once: repeating it neither changes nor re-audits anything', async () => {
    await grantRole(store, { email: 'eve@example.com', role: 'viewer', actor: 'root@example.com' });
    await ensureAdmins(store, ['Eve@example.com', 'fay@example.com', 'fay@example.com']);
    const before = await listAudit(store, { limit: 1000 });
    await ensureAdmins(store, ['eve@example.com', 'FAY@example.com']);
    expect(await listAudit(store, { limit: 1000 })).toEqual(before);
    expect(await getRole(store, 'eve@example.com')).toBe('admin');
    const [entry] = await listAudit(store, { target: 'user:fay@example.com', limit: 5 });
    expect(entry).toMatchObject({
      actor: 'system',
      details: { role: 'admin', previousRole: null },
    });
  });

  it('lists users by email and serves them to sign-in through the role directory', async () => {
    const users = await listUsers(store);
    expect(users.map((user) => user.email)).toEqual([...users.map((user) => user.email)].sort());
    const directory = createStoreDirectory(store);
    await directory.grantRole('gil@example.com', 'requester', 'root@example.com');
    expect(await directory.getRole('GIL@example.com')).toBe('requester');
    expect(await directory.listUsers()).toContainEqual({
      email: 'gil@example.com',
      role: 'requester',
    });
    await directory.revokeUser('gil@example.com', 'root@example.com');
    expect(await directory.getRole('gil@example.com')).toBeNull();
  });
});
