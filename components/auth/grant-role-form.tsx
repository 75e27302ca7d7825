'use client';

import { useActionState } from 'react';
import { grantRoleAction } from '@/lib/auth/actions';
import { ROLES } from '@/lib/domain/roles';

export function GrantRoleForm() {
  const [state, formAction, pending] = useActionState(grantRoleAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor="grant-email" className="text-sm text-muted">
          Email
        </label>
        <input
          id="grant-email"
          name="email"
          type="email"
          required
          placeholder="ana@example.com"
          aria-describedby="grant-email-error"
          aria-invalid={Boolean(fieldErrors?.email)}
          className="rounded border border-border bg-background px-2 py-1"
        />
        <span id="grant-email-error" aria-live="polite" className="text-sm text-danger">
          {fieldErrors?.email?.join(' ')}
        </span>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="grant-role" className="text-sm text-muted">
          Role
        </label>
        <select
          id="grant-role"
          name="role"
          defaultValue="viewer"
          aria-describedby="grant-role-error"
          className="rounded border border-border bg-background px-2 py-1"
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
        <span id="grant-role-error" aria-live="polite" className="text-sm text-danger">
          {fieldErrors?.role?.join(' ')}
        </span>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="mb-6 rounded bg-accent px-3 py-1 text-white disabled:opacity-50"
      >
        Grant
      </button>
      <p aria-live="polite" className="basis-full text-sm">
        {state?.ok ? `${state.value.email} is now ${state.value.role}.` : null}
        {state && !state.ok && !fieldErrors ? (
          <span className="text-danger">{state.error}</span>
        ) : null}
      </p>
    </form>
  );
}
