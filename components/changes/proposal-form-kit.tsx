'use client';

import { useActionState, useState } from 'react';
import type { ChangeActionState } from '@/lib/changes/actions';
import type { ProjectedPoint } from '@/lib/changes/evidence';
import { parseCpuQuantity } from '@/lib/domain/quantities';
import { formatPercent, formatSeconds, formatUsd } from '@/lib/format';
import { Field, inputClass } from './field';

/** The four limits a proposal row edits, in the order the tables show them. */
export const LIMIT_FIELDS = [
  { name: 'cpu', label: 'CPU (vCPU)' },
  { name: 'memory', label: 'Memory' },
  { name: 'timeoutSeconds', label: 'Timeout (s)' },
  { name: 'maxRetries', label: 'Retries' },
] as const;

export const percent = formatPercent;

/** The vCPU typed so far, or null while it is not a CPU quantity. */
export function cpuOf(text: string): number | null {
  try {
    return parseCpuQuantity(text);
  } catch {
    return null;
  }
}

type ProposeAction = (previous: ChangeActionState, form: FormData) => Promise<ChangeActionState>;

/**
 * The state every proposal form shares: the server action's answer, the values edited so far, and
 * the errors of the client check (the server's schema, run before submit) or else the server's.
 * `validate` answers the field errors of the form as it stands, or null when it may be submitted.
 */
export function useProposalForm(
  action: ProposeAction,
  validate: (form: FormData) => Record<string, string> | null,
) {
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
    const errors = validate(new FormData(event.currentTarget));
    setClientErrors(errors);
    if (errors) event.preventDefault();
  };
  /** An error of the whole request (a refusal, Google's answer) rather than of one field. */
  const requestError = state && !state.ok && !serverErrors ? state.error : null;
  return { formAction, pending, values, setValues, value, edit, errorOf, check, requestError };
}

/** One limit in a table row: labelled for screen readers, its error beside it. */
export function LimitCell({
  id,
  name,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <td className="py-2 pr-2">
      <Field id={id} label={label} error={error}>
        <input
          id={id}
          name={name}
          value={value}
          onChange={onChange}
          aria-invalid={Boolean(error)}
          aria-describedby={`${id}-error`}
          className={`${inputClass} w-24`}
        />
      </Field>
    </td>
  );
}

/** The engine's projection for the vCPU typed in a row, in one line; never computed here. */
export function ProjectionLine({
  points,
  vcpu,
}: {
  points: readonly ProjectedPoint[];
  vcpu: number | null;
}) {
  const point = vcpu === null ? undefined : points.find((candidate) => candidate.vcpu === vcpu);
  if (!point) {
    return (
      <span className="text-muted">
        {points.length === 0 ? 'No projection yet' : `No projection at ${vcpu ?? '?'} vCPU`}
      </span>
    );
  }
  return (
    <span>
      {formatUsd(point.monthlyCostUsd)} a month · p95 {formatSeconds(point.p95Seconds)} · OOM{' '}
      {percent(point.oomProbability)} · timeout {percent(point.timeoutProbability)}
    </span>
  );
}

/** The reason every proposal carries. */
export function ReasonField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (event: React.ChangeEvent<HTMLTextAreaElement>) => void;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <textarea
        id={id}
        name="reason"
        rows={3}
        value={value}
        onChange={onChange}
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-error`}
        className={inputClass}
      />
    </Field>
  );
}

/** A submit button that says what it is waiting on while its action runs. */
export function SubmitButton({
  pending,
  idle,
  busy,
}: {
  pending: boolean;
  idle: string;
  busy: string;
}) {
  return (
    <div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-accent px-3 py-1 text-white disabled:opacity-50"
      >
        {pending ? busy : idle}
      </button>
    </div>
  );
}

/** The request-level error, then the submit button. */
export function SubmitRow({
  error,
  ...button
}: {
  error: string | null | undefined;
  pending: boolean;
  idle: string;
  busy: string;
}) {
  return (
    <>
      <p aria-live="polite" className="text-sm text-danger">
        {error}
      </p>
      <SubmitButton {...button} />
    </>
  );
}
