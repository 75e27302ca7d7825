import { describe, expect, it } from 'vitest';
import { createMemoryDirectory } from './directory';
import type { AuthorizedUser } from './guard';
import { ServiceError } from '@/lib/service/errors';
import { grantUserRole, revokeUserAccess } from './users';

const admin: AuthorizedUser = { email: 'boss@example.com', role: 'admin', mode: 'iap' };

describe('granting and revoking roles', () => {
  it('grants a role to a normalised email', async () => {
    const directory = createMemoryDirectory({ 'boss@example.com': 'admin' });
    const result = await grantUserRole(directory, admin, {
      email: '  Ana@Example.COM ',
      role: 'approver',
    });
    expect(result).toEqual({ email: 'ana@example.com', role: 'approver' });
    expect(await directory.getRole('ana@example.com')).toBe('approver');
  });

  it.each([
    [{ email: 'not-an-email', role: 'viewer' }, 'email'],
    [{ email: '', role: 'viewer' }, 'email'],
    [{ email: 'ana@example.com', role: 'owner' }, 'role'],
    [{ email: 'ana@example.com' }, 'role'],
  ])('refuses %j with a field error on %s and changes nothing', async (input, field) => {
    const directory = createMemoryDirectory();
    const refused = await grantUserRole(directory, admin, input).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceError);
    expect(refused).toMatchObject({ status: 400 });
    expect((refused as ServiceError).fieldErrors[field]?.length).toBeGreaterThan(0);
    expect(await directory.listUsers()).toEqual([]);
  });

  it('revokes access so the user is back to none', async () => {
    const directory = createMemoryDirectory({ 'ana@example.com': 'requester' });
    expect(await revokeUserAccess(directory, admin, 'ana@example.com')).toEqual({
      email: 'ana@example.com',
    });
    expect(await directory.getRole('ana@example.com')).toBeNull();
  });

  it('does not let an admin demote or revoke themselves', async () => {
    const directory = createMemoryDirectory({ 'boss@example.com': 'admin' });
    await expect(
      grantUserRole(directory, admin, { email: 'BOSS@example.com', role: 'viewer' }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(revokeUserAccess(directory, admin, 'boss@example.com')).rejects.toMatchObject({
      status: 409,
    });
    expect(await directory.getRole('boss@example.com')).toBe('admin');
  });
});
