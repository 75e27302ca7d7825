/** A labelled input with its error region tied to it for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm text-muted">
        {label}
      </label>
      {children}
      {hint ? (
        <span id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </span>
      ) : null}
      <span id={`${id}-error`} aria-live="polite" className="text-sm text-danger">
        {error}
      </span>
    </div>
  );
}

export const inputClass =
  'rounded border border-border bg-background px-2 py-1 aria-[invalid=true]:border-danger';
