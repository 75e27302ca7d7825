'use client';

import { useActionState } from 'react';
import { publicLinkAction } from '@/lib/snapshots/actions';
import { formatDateTimeUtc } from '@/lib/format';

export function PublicLinkForm({ id, maxDays }: { id: string; maxDays: number }) {
  const [state, formAction, pending] = useActionState(publicLinkAction.bind(null, id), null);
  return (
    <form action={formAction} className="no-print flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor="public-days">Public link for people outside Tierwise, valid</label>
      <input
        id="public-days"
        name="days"
        type="number"
        min={1}
        max={maxDays}
        defaultValue={7}
        className="w-16 rounded border border-border bg-background px-2 py-1"
      />
      <span>days</span>
      <button type="submit" disabled={pending} className="rounded border border-border px-3 py-1">
        Create public link
      </button>
      <span aria-live="polite" className="basis-full">
        {state?.ok ? (
          <>
            <code className="break-all" data-public-link>
              {state.value.url}
            </code>{' '}
            — until {formatDateTimeUtc(state.value.expiresAtMs)} UTC
          </>
        ) : null}
        {state && !state.ok ? <span className="text-danger">{state.error}</span> : null}
      </span>
    </form>
  );
}
