import type { Role } from '@/lib/domain/roles';
import { getCurrentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';

function AdminContact() {
  const admins = env().TIERWISE_ADMINS;
  if (admins.length === 0) return <p>Ask the person who runs Tierwise to grant you a role.</p>;
  return (
    <p>
      Ask an admin to grant it:{' '}
      {admins.map((email, index) => (
        <span key={email}>
          {index > 0 ? ', ' : ''}
          <a className="text-accent underline" href={`mailto:${email}`}>
            {email}
          </a>
        </span>
      ))}
      .
    </p>
  );
}

/**
 * The 403 page body: names the role that is missing and who can grant it. Next renders forbidden.tsx
 * without props, so each guarded segment states its own role in its forbidden.tsx.
 */
export async function Forbidden({ requiredRole }: { requiredRole?: Role }) {
  const user = await getCurrentUser();
  const required = requiredRole ?? null;
  return (
    <section className="max-w-xl space-y-3">
      <h1 className="text-xl font-semibold">
        {required ? `You need the ${required} role` : 'You do not have access to this page'}
      </h1>
      <p>
        {user?.role
          ? `You are signed in as ${user.email} with the ${user.role} role.`
          : `You are signed in as ${user?.email ?? 'an unknown user'}, who has not been granted any role yet. Until an admin grants one, Tierwise shows you nothing.`}
      </p>
      {user?.mode === 'demo' ? (
        <p>This is the demo: pick a stronger identity with the switcher at the top.</p>
      ) : (
        <AdminContact />
      )}
    </section>
  );
}

export function Unauthorized() {
  return (
    <section className="max-w-xl space-y-3">
      <h1 className="text-xl font-semibold">Sign-in required</h1>
      <p>
        Tierwise is reached through Google&apos;s Identity-Aware Proxy. Open it from its IAP address
        and sign in with your Google account.
      </p>
    </section>
  );
}
