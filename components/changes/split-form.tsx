'use client';

import { useActionState, useState } from 'react';
import type { ChangeActionState } from '@/lib/changes/actions';
import type { SplitDraft } from '@/lib/changes/split-draft';
import { proposeSplitAction } from '@/lib/changes/split-actions';
import { parseSplit, splitFromForm } from '@/lib/changes/split-schema';
import { parseCpuQuantity } from '@/lib/domain/quantities';
import { Field, inputClass } from './field';

const LIMIT_FIELDS = [
  { name: 'cpu', label: 'CPU (vCPU)' },
  { name: 'memory', label: 'Memory' },
  { name: 'timeoutSeconds', label: 'Timeout (s)' },
  { name: 'maxRetries', label: 'Retries' },
] as const;

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

function cpuOf(text: string): number | null {
  try {
    return parseCpuQuantity(text);
  } catch {
    return null;
  }
}

/**
 * One row per tier: the new job's name and limits, prefilled from the tier's recommendation, with
 * the engine's projection for the vCPU typed. Checked here for speed and on the server for truth;
 * Cloud Run dry-runs every create before the proposal is saved.
 */
export function SplitForm({ draft }: { draft: SplitDraft }) {
  const action = proposeSplitAction.bind(null, draft.job);
  const [state, formAction, pending] = useActionState<ChangeActionState, FormData>(action, null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errorOf = (key: string) => clientErrors?.[key] ?? serverErrors?.[key]?.join(' ');
  const value = (name: string, fallback: string | number) => values[name] ?? String(fallback);
  const edit =
    (name: string) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValues((previous) => ({ ...previous, [name]: event.target.value }));
  const check = (event: React.FormEvent<HTMLFormElement>) => {
    const result = parseSplit(splitFromForm(draft.job, new FormData(event.currentTarget)));
    setClientErrors(result.ok ? null : result.errors);
    if (!result.ok) event.preventDefault();
  };
  const general =
    errorOf('tiers') ??
    errorOf('job') ??
    (state && !state.ok && !serverErrors ? state.error : null);

  return (
    <form action={formAction} onSubmit={check} noValidate className="grid gap-4">
      <input type="hidden" name="tierCount" value={draft.tiers.length} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm tabular-nums" aria-label="New job per tier">
          <thead className="text-left text-muted">
            <tr>
              <th className="py-1 pr-2">Tier</th>
              <th className="py-1 pr-2">New job</th>
              {LIMIT_FIELDS.map((field) => (
                <th key={field.name} className="py-1 pr-2">
                  {field.label}
                </th>
              ))}
              <th className="py-1">Projected (per month, p95)</th>
            </tr>
          </thead>
          <tbody>
            {draft.tiers.map((tier, index) => {
              const start = tier.recommended ?? draft.current;
              const key = (name: string) => `tiers.${index}.${name}`;
              const vcpu = cpuOf(value(key('cpu'), start.cpu));
              const point = tier.projections.find((candidate) => candidate.vcpu === vcpu);
              return (
                <tr
                  key={tier.id}
                  data-split-tier={tier.id}
                  className="border-t border-border align-top"
                >
                  <td className="py-2 pr-2">
                    <input type="hidden" name={key('tier')} value={tier.id} />
                    <span className="font-medium">{tier.label}</span>
                    <span className="block text-xs text-muted">
                      {tier.executions} executions
                      {tier.recommended ? ', recommended limits' : ', current limits'}
                    </span>
                  </td>
                  <td className="py-2 pr-2">
                    <Field
                      id={key('jobName')}
                      label={`${tier.label} job name`}
                      error={errorOf(key('jobName'))}
                    >
                      <input
                        id={key('jobName')}
                        name={key('jobName')}
                        value={value(key('jobName'), tier.suggestedJobName)}
                        onChange={edit(key('jobName'))}
                        aria-invalid={Boolean(errorOf(key('jobName')))}
                        aria-describedby={`${key('jobName')}-error`}
                        className={inputClass}
                      />
                    </Field>
                  </td>
                  {LIMIT_FIELDS.map((field) => {
                    const errorKey = `tiers.${index}.limits.${field.name}`;
                    return (
                      <td key={field.name} className="py-2 pr-2">
                        <Field
                          id={key(field.name)}
                          label={`${tier.label} ${field.label}`}
                          error={errorOf(errorKey)}
                        >
                          <input
                            id={key(field.name)}
                            name={key(field.name)}
                            value={value(key(field.name), start[field.name])}
                            onChange={edit(key(field.name))}
                            aria-invalid={Boolean(errorOf(errorKey))}
                            aria-describedby={`${key(field.name)}-error`}
                            className={`${inputClass} w-24`}
                          />
                        </Field>
                      </td>
                    );
                  })}
                  <td className="py-2" aria-live="polite">
                    {point ? (
                      <span>
                        ${point.monthlyCostUsd.toFixed(2)} · {point.p95Seconds.toFixed(0)} s · OOM{' '}
                        {percent(point.oomProbability)} · timeout{' '}
                        {percent(point.timeoutProbability)}
                      </span>
                    ) : (
                      <span className="text-muted">
                        {tier.projections.length === 0
                          ? 'No projection yet'
                          : `No projection at ${vcpu ?? '?'} vCPU`}
                      </span>
                    )}
                    {errorOf(`tiers.${index}.tier`) ? (
                      <span role="alert" className="block text-danger">
                        {errorOf(`tiers.${index}.tier`)}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
        {general}
      </p>
      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-accent px-3 py-1 text-white disabled:opacity-50"
        >
          {pending ? 'Checking every create with Cloud Run…' : 'Dry run and propose the split'}
        </button>
      </div>
    </form>
  );
}
