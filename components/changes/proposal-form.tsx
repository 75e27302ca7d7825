'use client';

import { useActionState, useState } from 'react';
import { proposeChangeAction, type ChangeActionState } from '@/lib/changes/actions';
import type { ProposalDraft } from '@/lib/changes/draft';
import { parseProposal, proposalFromForm } from '@/lib/changes/proposal-schema';
import { parseCpuQuantity } from '@/lib/domain/quantities';
import { Field, inputClass } from './field';
import { ProjectedEffect } from './projected-effect';

const FIELDS = [
  { key: 'limits.cpu', name: 'cpu', label: 'CPU (vCPU)', hint: '1, 2, 4, 6 or 8' },
  { key: 'limits.memory', name: 'memory', label: 'Memory', hint: 'e.g. 512Mi, 4Gi, 1.5G' },
  {
    key: 'limits.timeoutSeconds',
    name: 'timeoutSeconds',
    label: 'Task timeout (seconds)',
    hint: 'per attempt, up to 604800',
  },
  { key: 'limits.maxRetries', name: 'maxRetries', label: 'Max retries', hint: '0 to 10' },
] as const;

function cpuOf(text: string): number | null {
  try {
    return parseCpuQuantity(text);
  } catch {
    return null;
  }
}

export function ProposalForm({ draft }: { draft: ProposalDraft }) {
  const action = proposeChangeAction.bind(null, draft.job);
  const [state, formAction, pending] = useActionState<ChangeActionState, FormData>(action, null);
  const [tierId, setTierId] = useState(draft.tiers[0]?.id ?? 'all');
  const tier = draft.tiers.find((candidate) => candidate.id === tierId);
  const start = tier?.recommended ?? draft.current;
  const [values, setValues] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const value = (name: string, fallback: string | number) => values[name] ?? String(fallback);
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errorOf = (key: string) => clientErrors?.[key] ?? serverErrors?.[key]?.join(' ');

  const check = (event: React.FormEvent<HTMLFormElement>) => {
    const result = parseProposal(proposalFromForm(draft.job, new FormData(event.currentTarget)));
    setClientErrors(result.ok ? null : result.errors);
    if (!result.ok) event.preventDefault();
  };
  const edit =
    (name: string) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValues((previous) => ({ ...previous, [name]: event.target.value }));

  return (
    <form
      action={formAction}
      onSubmit={check}
      noValidate
      className="grid gap-4 md:grid-cols-[2fr_1fr]"
    >
      <div className="grid gap-3">
        <Field id="tier" label="Tier" error={errorOf('tier')}>
          <select
            id="tier"
            name="tier"
            value={tierId}
            onChange={(event) => {
              setTierId(event.target.value);
              setValues((previous) => ({ reason: previous.reason ?? '' }));
            }}
            aria-describedby="tier-error"
            className={inputClass}
          >
            {draft.tiers.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label} ({candidate.executions} executions
                {candidate.recommended ? ', recommendation' : ''})
              </option>
            ))}
            <option value="all">All tiers</option>
          </select>
        </Field>
        {FIELDS.map((field) => (
          <Field
            key={field.key}
            id={field.name}
            label={field.label}
            hint={field.hint}
            error={errorOf(field.key)}
          >
            <input
              id={field.name}
              name={field.name}
              value={value(field.name, start[field.name])}
              onChange={edit(field.name)}
              aria-invalid={Boolean(errorOf(field.key))}
              aria-describedby={`${field.name}-hint ${field.name}-error`}
              className={inputClass}
            />
          </Field>
        ))}
        <Field id="reason" label="Reason" error={errorOf('reason')}>
          <textarea
            id="reason"
            name="reason"
            rows={3}
            value={values.reason ?? ''}
            onChange={edit('reason')}
            aria-invalid={Boolean(errorOf('reason'))}
            aria-describedby="reason-error"
            className={inputClass}
          />
        </Field>
        <p aria-live="polite" className="text-sm text-danger">
          {errorOf('limits') ??
            errorOf('job') ??
            (state && !state.ok && !serverErrors ? state.error : null)}
        </p>
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-accent px-3 py-1 text-white disabled:opacity-50"
          >
            {pending ? 'Checking with Cloud Run…' : 'Dry run and propose'}
          </button>
        </div>
      </div>
      <div className="grid content-start gap-3 text-sm">
        <p className="text-muted">
          Now: {draft.current.cpu} vCPU, {draft.current.memory}, {draft.current.timeoutSeconds} s
          timeout, {draft.current.maxRetries} retries.
          {tier?.recommended
            ? ' Prefilled from the recommendation for this tier.'
            : ' Prefilled with the current limits.'}
        </p>
        {draft.reportError ? (
          <p className="text-warning">The report could not be read: {draft.reportError}</p>
        ) : null}
        <ProjectedEffect points={tier?.projections ?? []} vcpu={cpuOf(value('cpu', start.cpu))} />
      </div>
    </form>
  );
}
