'use client';

import { useActionState } from 'react';
import { revokeSnapshotAction } from '@/lib/snapshots/actions';
import type { ActionResult } from '@/lib/auth/guard';

export function RevokeButton({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState(
    async (): Promise<ActionResult<{ id: string }> | null> => revokeSnapshotAction(id),
    null,
  );
  return (
    <form action={formAction} className="no-print flex items-center gap-3">
      <button
        type="submit"
        disabled={pending || state?.ok === true}
        className="rounded border border-danger px-3 py-1 text-sm text-danger disabled:opacity-50"
      >
        Revoke this link
      </button>
      <span aria-live="polite" className="text-sm">
        {state?.ok ? 'Revoked: the link now answers 410 Gone.' : null}
        {state && !state.ok ? <span className="text-danger">{state.error}</span> : null}
      </span>
    </form>
  );
}
