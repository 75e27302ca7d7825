'use client';

import { useActionState, useState } from 'react';
import type { ChangeActionState } from '@/lib/changes/actions';
import { proposeChangesAction } from '@/lib/changes/batch-actions';
import type { BatchDraft, BatchRowDraft } from '@/lib/changes/batch-draft';
import { batchFromForm, parseBatch, rowErrors } from '@/lib/changes/batch-schema';
import type { LimitsJson } from '@/lib/changes/job-limits-json';
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

const sameLimits = (a: LimitsJson, b: LimitsJson) =>
  LIMIT_FIELDS.every((field) => String(a[field.name]) === String(b[field.name]));

/** A row starts ticked when it has a job and its prefill would change something. */
function startsIncluded(row: BatchRowDraft): boolean {
  return (
    row.current !== null && row.recommended !== null && !sameLimits(row.recommended, row.current)
  );
}

function Projection({ row, vcpu }: { row: BatchRowDraft; vcpu: number | null }) {
  const point = row.projections.find((candidate) => candidate.vcpu === vcpu);
  if (!point) {
    return (
      <span className="text-muted">
        {row.projections.length === 0
          ? 'No projection yet'
          : `No projection at ${vcpu ?? '?'} vCPU`}
      </span>
    );
  }
  return (
    <span>
      ${point.monthlyCostUsd.toFixed(2)} · {point.p95Seconds.toFixed(0)} s · OOM{' '}
      {percent(point.oomProbability)} · timeout {percent(point.timeoutProbability)}
    </span>
  );
}

/**
 * One row per tier with a job of its own, prefilled from that tier's recommendation, each checked
 * here with the server's schema for speed. One submit proposes a change per ticked row; Cloud Run
 * dry-runs every one and nothing is stored unless all pass.
 */
export function BatchForm({ draft }: { draft: BatchDraft }) {
  const [state, formAction, pending] = useActionState<ChangeActionState, FormData>(
    proposeChangesAction,
    null,
  );
  const [values, setValues] = useState<Record<string, string>>({});
  const [included, setIncluded] = useState(() => draft.rows.map(startsIncluded));
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errorOf = (key: string) => clientErrors?.[key] ?? serverErrors?.[key]?.join(' ');
  const value = (name: string, fallback: string | number) => values[name] ?? String(fallback);
  const edit =
    (name: string) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValues((previous) => ({ ...previous, [name]: event.target.value }));
  const check = (event: React.FormEvent<HTMLFormElement>) => {
    const { body, rows } = batchFromForm(new FormData(event.currentTarget));
    const result = parseBatch(body);
    setClientErrors(result.ok ? null : rowErrors(result.errors, rows));
    if (!result.ok) event.preventDefault();
  };
  const general =
    errorOf('items') ?? (state && !state.ok && !serverErrors ? state.error : null) ?? null;

  return (
    <form action={formAction} onSubmit={check} noValidate className="grid gap-4">
      <input type="hidden" name="rowCount" value={draft.rows.length} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm tabular-nums" aria-label="New limits per tier job">
          <thead className="text-left text-muted">
            <tr>
              <th className="py-1 pr-2">Include</th>
              <th className="py-1 pr-2">Tier and job</th>
              {LIMIT_FIELDS.map((field) => (
                <th key={field.name} className="py-1 pr-2">
                  {field.label}
                </th>
              ))}
              <th className="py-1">Projected (per month, p95)</th>
            </tr>
          </thead>
          <tbody>
            {draft.rows.map((row, index) => {
              const name = (field: string) => `items.${index}.${field}`;
              const id = (field: string) => `batch-${name(field)}`;
              const start = row.recommended ?? row.current;
              const rowProblem = row.problem ?? errorOf(name('job')) ?? errorOf(name('tier'));
              return (
                <tr
                  key={row.id}
                  data-batch-tier={row.id}
                  className="border-t border-border align-top"
                >
                  <td className="py-2 pr-2">
                    <input type="hidden" name={name('job')} value={row.job} />
                    <input type="hidden" name={name('tier')} value={row.id} />
                    <input
                      id={id('include')}
                      type="checkbox"
                      name={name('include')}
                      checked={included[index] ?? false}
                      disabled={row.current === null}
                      onChange={(event) => {
                        const checked = event.target.checked;
                        setIncluded((all) => all.map((was, at) => (at === index ? checked : was)));
                      }}
                    />
                    <label htmlFor={id('include')} className="sr-only">
                      Include {row.label}
                    </label>
                  </td>
                  <td className="py-2 pr-2">
                    <span className="font-medium">{row.label}</span>
                    <span className="block text-xs text-muted">
                      {row.job}
                      {row.current
                        ? ` · ${row.executions} executions, ${row.recommended ? 'recommended' : 'current'} limits`
                        : ''}
                    </span>
                    {row.reportError ? (
                      <span className="block text-xs text-warning">
                        Report unreadable: {row.reportError}
                      </span>
                    ) : null}
                    {rowProblem || errorOf(name('limits')) ? (
                      <span role="alert" className="block text-danger">
                        {rowProblem ?? errorOf(name('limits'))}
                      </span>
                    ) : null}
                  </td>
                  {start
                    ? LIMIT_FIELDS.map((field) => {
                        const errorKey = `items.${index}.limits.${field.name}`;
                        return (
                          <td key={field.name} className="py-2 pr-2">
                            <Field
                              id={id(field.name)}
                              label={`${row.label} ${field.label}`}
                              error={errorOf(errorKey)}
                            >
                              <input
                                id={id(field.name)}
                                name={name(field.name)}
                                value={value(name(field.name), start[field.name])}
                                onChange={edit(name(field.name))}
                                aria-invalid={Boolean(errorOf(errorKey))}
                                aria-describedby={`${id(field.name)}-error`}
                                className={`${inputClass} w-24`}
                              />
                            </Field>
                          </td>
                        );
                      })
                    : LIMIT_FIELDS.map((field) => <td key={field.name} />)}
                  <td className="py-2" aria-live="polite">
                    {start ? (
                      <Projection row={row} vcpu={cpuOf(value(name('cpu'), start.cpu))} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {draft.withoutJob.length > 0 ? (
        <p className="text-sm text-muted">
          {draft.withoutJob.join(', ')} {draft.withoutJob.length === 1 ? 'has' : 'have'} no job of
          {draft.withoutJob.length === 1 ? ' its' : ' their'} own in the tier policy; propose{' '}
          {draft.withoutJob.length === 1 ? 'it' : 'them'} one at a time above.
        </p>
      ) : null}
      <Field id="batch-reason" label="Reason for every tier's change" error={errorOf('reason')}>
        <textarea
          id="batch-reason"
          name="reason"
          rows={3}
          value={values.reason ?? ''}
          onChange={edit('reason')}
          aria-invalid={Boolean(errorOf('reason'))}
          aria-describedby="batch-reason-error"
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
          {pending ? 'Checking every tier with Cloud Run…' : 'Dry run and propose every tier'}
        </button>
      </div>
    </form>
  );
}
