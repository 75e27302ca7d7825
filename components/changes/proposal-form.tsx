'use client';

import { useState } from 'react';
import { proposeChangeAction } from '@/lib/changes/actions';
import { PlaceFields } from './place-fields';
import type { ProposalDraft } from '@/lib/changes/draft';
import { parseProposal, proposalFromForm } from '@/lib/changes/proposal-schema';
import { formatSeconds } from '@/lib/format';
import { Field, inputClass } from './field';
import { ProjectedEffect } from './projected-effect';
import { ReasonField, SubmitRow, useProposalForm } from './proposal-form-kit';

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

export function ProposalForm({
  draft,
  initialTier,
}: {
  draft: ProposalDraft;
  initialTier?: string;
}) {
  const { formAction, pending, values, setValues, value, edit, errorOf, check, requestError } =
    useProposalForm(proposeChangeAction.bind(null, draft.job), (form) => {
      const result = parseProposal(proposalFromForm(draft.job, form));
      return result.ok ? null : result.errors;
    });
  const [tierId, setTierId] = useState(
    draft.tiers.find((candidate) => candidate.id === initialTier)?.id ??
      draft.tiers[0]?.id ??
      'all',
  );
  const tier = draft.tiers.find((candidate) => candidate.id === tierId);
  const start = tier?.recommended ?? draft.current;

  return (
    <form
      action={formAction}
      onSubmit={check}
      noValidate
      className="grid gap-4 md:grid-cols-[2fr_1fr]"
    >
      <PlaceFields place={draft.place} />
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
        <ReasonField
          id="reason"
          label="Reason"
          value={values.reason ?? ''}
          error={errorOf('reason')}
          onChange={edit('reason')}
        />
        <div className="text-sm">
          <label className="flex items-start gap-2">
            <input type="checkbox" name="staged" className="mt-1" aria-describedby="staged-hint" />
            <span>Staged lowering</span>
          </label>
          <p id="staged-hint" className="text-xs text-muted">
            Memory is lowered in steps of at most a quarter, each verified before Tierwise proposes
            the next; a raise always applies in one step.
          </p>
        </div>
        <SubmitRow
          error={errorOf('limits') ?? errorOf('job') ?? requestError}
          pending={pending}
          idle="Dry run and propose"
          busy="Checking with Cloud Run…"
        />
      </div>
      <div className="grid content-start gap-3 text-sm">
        <p className="text-muted">
          Now: {draft.current.cpu} vCPU, {draft.current.memory},{' '}
          {formatSeconds(draft.current.timeoutSeconds)} timeout, {draft.current.maxRetries}{' '}
          {draft.current.maxRetries === 1 ? 'retry' : 'retries'}.
          {tier?.recommended
            ? ` Prefilled from the report's recommendation for this tier (${draft.view.objective} objective, ${draft.view.days} days).`
            : ' Prefilled with the current limits.'}
        </p>
        {draft.reportError ? (
          <p className="text-warning">The report could not be read: {draft.reportError}</p>
        ) : null}
        <ProjectedEffect
          job={draft.job}
          view={draft.view}
          tier={tierId}
          values={{
            cpu: value('cpu', start.cpu),
            memory: value('memory', start.memory),
            timeoutSeconds: value('timeoutSeconds', start.timeoutSeconds),
            maxRetries: value('maxRetries', start.maxRetries),
          }}
          initial={tier?.recommended ? tier.projected : null}
          confidence={tier?.confidence ?? null}
        />
      </div>
    </form>
  );
}
