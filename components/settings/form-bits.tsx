export const inputClass =
  'w-full rounded border border-border bg-background px-2 py-1 text-sm disabled:opacity-60';

/** The form's outcome, announced to screen readers as it changes. */
export function FormStatus({
  id,
  ok,
  message,
}: {
  id: string;
  ok: boolean | null;
  message: string;
}) {
  return (
    <p
      id={id}
      role="status"
      aria-live="polite"
      className={`text-sm ${ok === false ? 'text-danger' : 'text-ok'}`}
    >
      {message}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-danger">
      {message}
    </p>
  );
}
