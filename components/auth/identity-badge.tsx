import { switchDemoUserAction } from '@/lib/auth/actions';
import { ROLES } from '@/lib/domain/roles';
import { getCurrentUser } from '@/lib/auth/session';

/** Who is signed in; in the demo, also the switcher between the built-in identities. */
export async function IdentityBadge() {
  const user = await getCurrentUser();
  if (!user) return <span className="ml-auto text-sm text-muted">Not signed in</span>;
  if (user.mode === 'iap') {
    return (
      <span className="ml-auto text-sm">
        {user.email} <span className="text-muted">· {user.role ?? 'no role yet'}</span>
      </span>
    );
  }
  return (
    <form action={switchDemoUserAction} className="ml-auto flex items-center gap-2 text-sm">
      <label htmlFor="demo-identity" className="text-muted">
        Demo identity
      </label>
      <select
        id="demo-identity"
        name="role"
        defaultValue={user.role ?? 'viewer'}
        className="rounded border border-border bg-background px-2 py-1"
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {role}@demo.tierwise
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-border px-2 py-1 hover:bg-card">
        Switch
      </button>
    </form>
  );
}
