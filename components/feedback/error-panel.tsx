'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

/** What failed, in the server's words when it sent them, and a retry that reads the data again. */
export function ErrorPanel({
  title,
  error,
  reset,
}: {
  title: string;
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Production builds replace server messages with a digest; say what to do instead.
  const message = error.digest
    ? `Google or the store did not answer as expected (reference ${error.digest}). Try again; if it keeps failing, the server log has the details.`
    : error.message;
  return (
    <div role="alert" className="rounded border border-danger p-6">
      <h1 className="text-lg font-semibold text-danger">{title}</h1>
      <p className="mt-2 text-sm">{message}</p>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
        className="mt-4 rounded bg-accent px-3 py-1.5 text-sm text-background"
      >
        {pending ? 'Trying again…' : 'Try again'}
      </button>
    </div>
  );
}
