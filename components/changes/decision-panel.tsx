'use client';

import { useActionState } from 'react';
import {
  applyChangeAction,
  approveChangeAction,
  rejectChangeAction,
  withdrawChangeAction,
  type ChangeActionState,
} from '@/lib/changes/actions';
import { Field, inputClass } from './field';
import { SubmitButton } from './proposal-form-kit';

export type BoundAction = (
  previous: ChangeActionState,
  form: FormData,
) => Promise<ChangeActionState>;

/** What the action did, or why it did not; field errors stand beside their fields instead. */
export function Outcome({ state }: { state: ChangeActionState }) {
  return (
    <p aria-live="polite" className="text-sm">
      {state?.ok ? <span className="text-ok">{state.value.message}</span> : null}
      {state && !state.ok && !state.fieldErrors ? (
        <span className="text-danger">{state.error}</span>
      ) : null}
    </p>
  );
}

/** A comment and one button: approve (comment optional) or reject (the service requires one). */
export function CommentForm({
  id,
  label,
  verb,
  action,
}: {
  id: string;
  label: string;
  verb: string;
  action: BoundAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const error = state && !state.ok ? state.fieldErrors?.comment?.join(' ') : undefined;
  return (
    <form action={formAction} noValidate className="grid gap-2">
      <Field id={id} label={label} error={error}>
        <textarea
          id={id}
          name="comment"
          rows={2}
          aria-invalid={Boolean(error)}
          aria-describedby={`${id}-error`}
          className={inputClass}
        />
      </Field>
      <SubmitButton pending={pending} idle={verb} busy={verb} />
      <Outcome state={state} />
    </form>
  );
}

function ButtonForm({
  verb,
  pendingVerb,
  action,
}: {
  verb: string;
  pendingVerb: string;
  action: BoundAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-2">
      <SubmitButton pending={pending} idle={verb} busy={pendingVerb} />
      <Outcome state={state} />
    </form>
  );
}

export interface AllowedMoves {
  readonly approve: boolean;
  readonly reject: boolean;
  readonly withdraw: boolean;
  readonly apply: boolean;
  /** Why approval is not offered to this person, e.g. it is their own change. */
  readonly note: string | null;
}

export function DecisionPanel({ id, allowed }: { id: string; allowed: AllowedMoves }) {
  return (
    <div className="grid gap-4">
      {allowed.note ? <p className="text-sm text-muted">{allowed.note}</p> : null}
      {allowed.approve ? (
        <CommentForm
          id="approve-comment"
          label="Approval comment (optional)"
          verb="Approve"
          action={approveChangeAction.bind(null, id)}
        />
      ) : null}
      {allowed.reject ? (
        <CommentForm
          id="reject-comment"
          label="Why reject it"
          verb="Reject"
          action={rejectChangeAction.bind(null, id)}
        />
      ) : null}
      {allowed.withdraw ? (
        <ButtonForm
          verb="Withdraw"
          pendingVerb="Withdrawing…"
          action={withdrawChangeAction.bind(null, id)}
        />
      ) : null}
      {allowed.apply ? (
        <ButtonForm
          verb="Apply to Cloud Run"
          pendingVerb="Applying…"
          action={applyChangeAction.bind(null, id)}
        />
      ) : null}
    </div>
  );
}
