'use client';

import { useActionState } from 'react';
import type { ChangeActionState } from '@/lib/changes/actions';
import { markAppliedOutsideAction } from '@/lib/changes/outside-actions';
import { Outcome } from './decision-panel';
import { Field, inputClass } from './field';
import { SubmitButton } from './proposal-form-kit';

/** For an approved change applied through the team's own pipeline (see "As code"). */
export function AppliedOutsideForm({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState<ChangeActionState, FormData>(
    markAppliedOutsideAction.bind(null, id),
    null,
  );
  const error = state && !state.ok ? state.fieldErrors?.note?.join(' ') : undefined;
  return (
    <form action={formAction} noValidate className="grid gap-2">
      <p className="text-sm text-muted">
        Applied it with your own tooling? Tierwise reads the job back and, when Cloud Run runs the
        approved limits, records the change as applied and verifies it like any other.
      </p>
      <Field id="outside-note" label="How it was applied" error={error}>
        <input
          id="outside-note"
          name="note"
          aria-invalid={Boolean(error)}
          aria-describedby="outside-note-error"
          className={inputClass}
        />
      </Field>
      <SubmitButton pending={pending} idle="Record as applied outside Tierwise" busy="Checking…" />
      <Outcome state={state} />
    </form>
  );
}
