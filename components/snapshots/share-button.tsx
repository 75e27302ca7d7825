'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { shareReportAction, type ShareSettings } from '@/lib/snapshots/actions';

/**
 * "Share": freezes the report on screen into a snapshot and shows its link. Takes the report's
 * settings as on the page (job, days or startMs/endMs, priceBook, objective).
 */
export function ShareButton({ settings }: { settings: ShareSettings }) {
  const [state, formAction, pending] = useActionState(shareReportAction.bind(null, settings), null);
  return (
    <form action={formAction} className="no-print flex flex-wrap items-center gap-3">
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-accent px-3 py-1 text-sm text-white disabled:opacity-50"
        aria-describedby="share-result"
      >
        {pending ? 'Freezing…' : 'Share'}
      </button>
      <span id="share-result" aria-live="polite" className="text-sm">
        {state?.ok ? (
          <>
            Frozen at{' '}
            <Link
              href={state.value.url}
              className="font-mono text-accent underline"
              data-snapshot-link
            >
              {state.value.url}
            </Link>
          </>
        ) : null}
        {state && !state.ok ? (
          <span className="text-danger">
            {state.error}
            {state.fieldErrors
              ? ` ${Object.entries(state.fieldErrors)
                  .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
                  .join('; ')}`
              : null}
          </span>
        ) : null}
      </span>
    </form>
  );
}
