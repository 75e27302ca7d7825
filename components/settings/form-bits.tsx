import { useActionState, useState } from 'react';
import { fieldMessages, type ActionResult } from '@/lib/service/action-state';

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

/** A settings form's server action, as `useActionState` calls it. */
export type SettingsAction = (
  previous: SettingsOutcome,
  form: FormData,
) => Promise<SettingsOutcome>;

/**
 * The words of a settings form's submit row; `invalid` says what was not done when the server
 * found fields to fix (by default, that nothing was saved).
 */
export type SubmitWords = {
  readonly statusId: string;
  readonly label: string;
  readonly pendingLabel: string;
  readonly invalid?: string;
};

/**
 * What every settings form keeps: the action's answer, and the errors of the browser's check
 * (`validate`, the server's own schema: field messages, or null when the form may be sent) over
 * the server's (`named` renames the service's field keys to the form's).
 */
export function useSettingsForm(
  action: SettingsAction,
  validate: (form: FormData) => Record<string, string> | null = () => null,
  named: (errors: Record<string, string>) => Record<string, string> = (errors) => errors,
) {
  const [state, formAction, pending] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const check = (event: React.FormEvent<HTMLFormElement>) => {
    const found = validate(new FormData(event.currentTarget));
    setClientErrors(found ?? {});
    if (found) event.preventDefault();
  };
  const errors = { ...named(serverFieldErrors(state)), ...clientErrors };
  const refused = Object.keys(clientErrors).length > 0;
  return { formAction, pending, errors, check, status: { state, pending, refused } };
}

/**
 * A settings form's submit button and its outcome: the client's own refusal when fields failed
 * before sending, else the server's answer; field errors stand beside their fields.
 */
export function SubmitStatus({
  words,
  disabled,
  pending,
  refused,
  state,
}: {
  words: SubmitWords;
  disabled: boolean;
  pending: boolean;
  refused: boolean;
  state: SettingsOutcome;
}) {
  return (
    <>
      <button
        type="submit"
        disabled={disabled || pending}
        className="rounded bg-accent px-3 py-1.5 text-sm text-background"
      >
        {pending ? words.pendingLabel : words.label}
      </button>
      <FormStatus
        id={words.statusId}
        ok={refused ? false : (state?.ok ?? null)}
        message={
          refused ? 'Some fields need fixing; nothing was sent.' : outcomeLine(state, words.invalid)
        }
      />
    </>
  );
}

function outcomeLine(
  state: SettingsOutcome,
  invalid = 'Some fields need fixing; nothing was saved.',
): string {
  if (!state) return '';
  if (state.ok) return state.value.message;
  return state.fieldErrors ? invalid : state.error;
}
