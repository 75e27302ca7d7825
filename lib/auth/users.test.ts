import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from './directory';
import type { AuthorizedUser } from './guard';
import { grantUserRole, revokeUserAccess } from './users';

const admin: AuthorizedUser = { email: 'boss@example.com', role: 'admin', mode: 'iap' };

describe('granting and revoking roles', () => {
  it('grants a role to a normalised email', async () => {
    const directory = createMemoryDirectory({ 'boss@example.com': 'admin' });
    const result = await grantUserRole(directory, admin, {
      email: '  Ana@Example.COM ',
      role: 'approver',
    });
    expect(result).toEqual({ ok: true, value: { email: 'ana@example.com', role: 'approver' } });
    expect(await directory.getRole('ana@example.com')).toBe('approver');
  });

  it.each([
    [{ email: 'not-an-email', role: 'viewer' }, 'email'],
    [{ email: '', role: 'viewer' }, 'email'],
    [{ email: 'ana@example.com', role: 'owner' }, 'role'],
    [{ email: 'ana@example.com' }, 'role'],
  ])('refuses %j with a field error on %s and changes nothing', async (input, field) => {
    const directory = createMemoryDirectory();
    const result = await grantUserRole(directory, admin, input);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (!result.ok) expect(result.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    expect(await directory.listUsers()).toEqual([]);
  });

  it('revokes access so the user is back to none', async () => {
    const directory = createMemoryDirectory({ 'ana@example.com': 'requester' });
    expect(await revokeUserAccess(directory, admin, 'ana@example.com')).toMatchObject({ ok: true });
    expect(await directory.getRole('ana@example.com')).toBeNull();
  });

  it('does not let an admin demote or revoke themselves', async () => {
    const directory = createMemoryDirectory({ 'boss@example.com': 'admin' });
    expect(
      await grantUserRole(directory, admin, { email: 'BOSS@example.com', role: 'viewer' }),
    ).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await revokeUserAccess(directory, admin, 'boss@example.com')).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await directory.getRole('boss@example.com')).toBe('admin');
  });
});
