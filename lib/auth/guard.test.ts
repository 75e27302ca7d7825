import { beforeEach, describe, expect, it, vi } from 'vitest';

const request = await vi.hoisted(async () =>
  (await import('@/test/support/next-request')).demoRequest(),
);
vi.mock('next/headers', async () =>
  (await import('@/test/support/next-request')).nextHeadersOf(request),
);
vi.mock('next/navigation', () => ({
  forbidden: () => {
    throw new Error('NEXT_HTTP_ERROR_FALLBACK;403');
  },
  unauthorized: () => {
    throw new Error('NEXT_HTTP_ERROR_FALLBACK;401');
  },
}));

import { ForbiddenError } from './errors';
import { actionWithRole, requirePageRole, requireRole, withRole } from './guard';
import { PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/domain/roles';

function signInAs(role: Role | 'nobody') {
  request.cookies.clear();
  if (role !== 'nobody') request.cookies.set('tierwise-demo-user', role);
}

// Written out by hand (not derived from the table under test) so a wrong table entry fails here.
const ALLOWED: Record<Role, readonly Permission[]> = {
  viewer: ['view-reports'],
  requester: ['view-reports', 'propose-change', 'share-report'],
  approver: ['view-reports', 'propose-change', 'share-report', 'approve-change', 'apply-change'],
  admin: [...PERMISSIONS],
};

const cells = ROLES.flatMap((role) =>
  PERMISSIONS.map((permission) => ({
    role,
    permission,
    allowed: ALLOWED[role].includes(permission),
  })),
);

beforeEach(() => signInAs('nobody'));

describe('role × permission matrix', () => {
  it.each(cells)('$role → $permission allowed: $allowed', async ({ role, permission, allowed }) => {
    signInAs(role);
    const changes: string[] = [];
    const action = () =>
      actionWithRole(permission, async (user) => {
        changes.push(user.email);
        return { ok: true, value: 'done' };
      });
    const route = withRole(permission, () => {
      changes.push('route');
      return Response.json({ ok: true });
    });

    const actionResult = await action();
    const response = await route(new Request('http://localhost/api/x', { method: 'POST' }), {});

    if (allowed) {
      expect(actionResult).toEqual({ ok: true, value: 'done' });
      expect(response.status).toBe(200);
      expect(changes).toEqual([`${role}@demo.tierwise`, 'route']);
      await expect(requireRole(permission)).resolves.toMatchObject({ role });
    } else {
      expect(actionResult).toMatchObject({ ok: false, status: 403 });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: expect.stringContaining('role') });
      expect(changes).toEqual([]);
      await expect(requireRole(permission)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('minimum roles', () => {
  it.each([
    ['viewer', 'requester', false],
    ['requester', 'requester', true],
    ['approver', 'requester', true],
    ['approver', 'admin', false],
    ['admin', 'admin', true],
  ] as const)('%s asking for %s → %s', async (role, needed, allowed) => {
    signInAs(role);
    if (allowed) await expect(requireRole(needed)).resolves.toMatchObject({ role });
    else await expect(requireRole(needed)).rejects.toThrow(`You need the "${needed}" role`);
  });
});

describe('demo identity from the cookie', () => {
  it('is the viewer when no cookie is sent', async () => {
    await expect(requireRole('view-reports')).resolves.toMatchObject({
      email: 'viewer@demo.tierwise',
    });
    await expect(requireRole('propose-change')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('ignores the plain IAP email header', async () => {
    request.headers.set('x-goog-authenticated-user-email', 'accounts.google.com:admin@example.com');
    await expect(requireRole('manage-users')).rejects.toBeInstanceOf(ForbiddenError);
    request.headers.delete('x-goog-authenticated-user-email');
  });
});

describe('pages', () => {
  it('render the 403 page for a role that is too low and pass an allowed one through', async () => {
    signInAs('requester');
    await expect(requirePageRole('approve-change')).rejects.toThrow('403');
    await expect(requirePageRole('share-report')).resolves.toMatchObject({ role: 'requester' });
  });
});
