'use client';

import { useActionState } from 'react';
import { revokeUserAction } from '@/lib/auth/actions';

export function RevokeUserButton({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(revokeUserAction.bind(null, email), null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <button
        type="submit"
        disabled={pending}
        aria-label={`Revoke access for ${email}`}
        className="rounded border border-border px-2 py-0.5 text-sm hover:bg-card disabled:opacity-50"
      >
        Revoke
      </button>
      <span aria-live="polite" className="text-sm text-danger">
        {state && !state.ok ? state.error : null}
      </span>
    </form>
  );
}
