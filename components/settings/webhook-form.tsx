'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/service/action-state';
import { addWebhookAction, removeWebhookAction } from '@/lib/notify/actions';

type WebhookOutcome = ActionResult<{ message: string; secret?: string }> | null;

const inputClass = 'rounded border border-border bg-background px-2 py-1 text-sm';

export function AddWebhookForm() {
  const [state, formAction, pending] = useActionState<WebhookOutcome, FormData>(
    addWebhookAction,
    null,
  );
  const urlError = state && !state.ok ? state.fieldErrors?.url?.join(' ') : undefined;
  const formatError = state && !state.ok ? state.fieldErrors?.format?.join(' ') : undefined;
  return (
    <form action={formAction} noValidate className="grid gap-2 md:grid-cols-[1fr_auto_auto]">
      <label className="grid gap-1 text-sm">
        <span className="text-muted">Receiver URL</span>
        <input
          name="url"
          aria-invalid={Boolean(urlError)}
          aria-describedby="webhook-url-error"
          className={inputClass}
        />
        <span id="webhook-url-error" aria-live="polite" className="text-danger">
          {urlError}
        </span>
      </label>
      <label className="grid gap-1 text-sm">
        <span className="text-muted">Body</span>
        <select name="format" defaultValue="slack" className={inputClass}>
          <option value="slack">Slack-compatible</option>
          <option value="json">Generic JSON</option>
        </select>
        <span aria-live="polite" className="text-danger">
          {formatError}
        </span>
      </label>
      <div className="self-center">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-accent px-3 py-1 text-sm text-white"
        >
          {pending ? 'Adding…' : 'Add webhook'}
        </button>
      </div>
      <p aria-live="polite" className="text-sm md:col-span-3">
        {state?.ok ? (
          <span className="text-ok">
            {state.value.message}{' '}
            {state.value.secret ? (
              <code data-testid="webhook-secret">{state.value.secret}</code>
            ) : null}
          </span>
        ) : null}
        {state && !state.ok && !state.fieldErrors ? (
          <span className="text-danger">{state.error}</span>
        ) : null}
      </p>
    </form>
  );
}

export function RemoveWebhookButton({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState<WebhookOutcome, FormData>(
    () => removeWebhookAction(id),
    null,
  );
  return (
    <form action={formAction}>
      <button type="submit" disabled={pending} className="text-sm text-danger underline">
        Remove
      </button>
      {state && !state.ok ? <span className="text-sm text-danger">{state.error}</span> : null}
    </form>
  );
}
