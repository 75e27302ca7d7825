'use client';

export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-danger p-6">
      <h1 className="text-lg font-semibold text-danger">This page could not be loaded</h1>
      <p className="mt-2 text-sm">{error.message}</p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-accent px-3 py-1.5 text-sm text-white"
      >
        Try again
      </button>
    </div>
  );
}
