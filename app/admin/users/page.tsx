import type { Metadata } from 'next';
import { GrantRoleForm } from '@/components/auth/grant-role-form';
import { RevokeUserButton } from '@/components/auth/revoke-user-button';
import { Card } from '@/components/ui/card';
import { requirePageRole } from '@/lib/auth/guard';
import { roleDirectory } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Users and roles — Tierwise' };

export default async function AdminUsersPage() {
  const admin = await requirePageRole('manage-users');
  const users = await roleDirectory().listUsers();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Users and roles</h1>
      {admin.mode === 'demo' ? (
        <p className="text-sm text-muted">
          Demo identities take their role from their name; the grants below apply to people who sign
          in through IAP.
        </p>
      ) : null}
      <Card title="Grant a role">
        <GrantRoleForm />
      </Card>
      <Card title={`${users.length} ${users.length === 1 ? 'person has' : 'people have'} access`}>
        <table className="w-full text-sm">
          <thead className="text-left text-muted">
            <tr>
              <th className="py-1">Email</th>
              <th className="py-1">Role</th>
              <th className="py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.email} className="border-t border-border">
                <td className="py-1">{user.email}</td>
                <td className="py-1">{user.role}</td>
                <td className="py-1">
                  {user.email === admin.email ? (
                    <span className="text-muted">you</span>
                  ) : (
                    <RevokeUserButton email={user.email} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.length === 0 ? (
          <p className="text-sm text-muted">Nobody has been granted a role yet.</p>
        ) : null}
      </Card>
    </div>
  );
}
