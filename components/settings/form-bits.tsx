import type { ActionResult } from '@/lib/service/action-state';
import { fieldMessages } from '@/lib/service/action-state';

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

/** What a settings action answers: its outcome line, or why nothing was done. */
export type SettingsOutcome = ActionResult<{ message: string }> | null;

/** The server's field errors as one line per form field. */
export function serverFieldErrors(state: SettingsOutcome): Record<string, string> {
  return state && !state.ok ? fieldMessages(state.fieldErrors) : {};
}

/**
 * A settings form's submit button and its outcome: the client's own refusal when fields failed
 * before sending, else the server's answer; field errors stand beside their fields and the line
 * says `invalid` (what was not done).
 */
export function SubmitStatus({
  statusId,
  label,
  pendingLabel,
  disabled,
  pending,
  refused,
  state,
  invalid,
}: {
  statusId: string;
  label: string;
  pendingLabel: string;
  disabled: boolean;
  pending: boolean;
  refused: boolean;
  state: SettingsOutcome;
  invalid: string;
}) {
  return (
    <>
      <button
        type="submit"
        disabled={disabled || pending}
        className="rounded bg-accent px-3 py-1.5 text-sm text-background"
      >
        {pending ? pendingLabel : label}
      </button>
      <FormStatus
        id={statusId}
        ok={refused ? false : (state?.ok ?? null)}
        message={
          refused ? 'Some fields need fixing; nothing was sent.' : outcomeLine(state, invalid)
        }
      />
    </>
  );
}

function outcomeLine(state: SettingsOutcome, invalid: string): string {
  if (!state) return '';
  if (state.ok) return state.value.message;
  return state.fieldErrors ? invalid : state.error;
}
