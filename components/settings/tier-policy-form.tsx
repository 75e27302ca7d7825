'use client';

import { useState } from 'react';
import {
  formFieldErrors,
  parseTierPolicyProposal,
  tierPolicyProposalFromForm,
} from '@/lib/tier-policy/schema';
import type { TierPolicy } from '@/lib/domain/tiers';
import { FieldError, inputClass, SubmitStatus, useSettingsForm } from './form-bits';
import type { SettingsAction } from './form-bits';

type Row = {
  key: number;
  id: string;
  label: string;
  maxClipCount: string;
  maxTotalMb: string;
  jobName: string;
};

const text = (value: number | string | undefined) => (value === undefined ? '' : String(value));
const COLUMNS = [
  ['id', 'Id'],
  ['label', 'Name'],
  ['maxClipCount', 'At most clips'],
  ['maxTotalMb', 'Below MB'],
  ['jobName', 'Served by job'],
] as const;

function TierRowFields(props: {
  row: Row;
  index: number;
  errors: Record<string, string>;
  update: (key: number, field: keyof Row, value: string) => void;
  remove: (key: number) => void;
}) {
  const { row, index, errors } = props;
  return (
    <div
      className="grid grid-cols-[repeat(5,minmax(0,1fr))_auto] items-start gap-2"
      data-tier-row={index}
    >
      {COLUMNS.map(([field, label]) => {
        const name = `tiers.${index}.${field}`;
        const message = errors[name];
        return (
          <div key={field}>
            <label htmlFor={name} className="text-xs text-muted">
              {label}
            </label>
            <input
              id={name}
              name={name}
              value={row[field]}
              inputMode={field === 'maxClipCount' || field === 'maxTotalMb' ? 'decimal' : undefined}
              onChange={(e) => props.update(row.key, field, e.target.value)}
              aria-invalid={message ? true : undefined}
              aria-describedby={message ? `${name}-error` : undefined}
              className={inputClass}
            />
            <FieldError id={`${name}-error`} message={message} />
          </div>
        );
      })}
      <button
        type="button"
        className="mt-5 rounded border border-border px-2 py-1 text-sm"
        onClick={() => props.remove(row.key)}
        aria-label={`Remove tier ${row.label || index + 1}`}
      >
        Remove
      </button>
      {errors[`tiers.${index}`] ? (
        <p className="col-span-6 text-xs text-danger">{errors[`tiers.${index}`]}</p>
      ) : null}
    </div>
  );
}

function rowsOf(policy: TierPolicy): Row[] {
  return policy.tiers.map((t, key) => ({
    key,
    id: t.id,
    label: t.label,
    maxClipCount: text(t.maxClipCount),
    maxTotalMb: text(t.maxTotalMb),
    jobName: text(t.jobName),
  }));
}

const WORDS = {
  statusId: 'tier-policy-status',
  label: 'Propose tier policy',
  pendingLabel: 'Proposing…',
  invalid: 'Some fields need fixing; nothing was proposed.',
};

function validate(form: FormData): Record<string, string> | null {
  const checked = parseTierPolicyProposal(tierPolicyProposalFromForm(form));
  return checked.ok ? null : formFieldErrors(checked.errors);
}

const EMPTY_ROW = { id: '', label: '', maxClipCount: '', maxTotalMb: '', jobName: '' };

/**
 * Edits the ordered tiers and proposes them as a new version with a reason; checked in the browser
 * with the server's own schema before sending. Nothing changes until another approver approves.
 */
export function TierPolicyForm({
  policy,
  action,
  canPropose,
}: {
  policy: TierPolicy;
  action: SettingsAction;
  canPropose: boolean;
}) {
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<Row[]>(() => rowsOf(policy));
  // The service names fields as the API does (`policy.tiers.0.id`); the form's are `tiers.0.id`.
  const { formAction, pending, errors, check, status } = useSettingsForm(
    action,
    validate,
    formFieldErrors,
  );
  const update = (key: number, field: keyof Row, value: string) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  const remove = (key: number) => setRows((all) => all.filter((r) => r.key !== key));
  // A new tier goes before the catch-all, which must stay last.
  const add = () =>
    setRows((all) => [...all.slice(0, -1), { key: Date.now(), ...EMPTY_ROW }, ...all.slice(-1)]);
  return (
    <form action={formAction} noValidate className="space-y-3" onSubmit={check}>
      <fieldset disabled={!canPropose || pending} className="space-y-2">
        <legend className="sr-only">Tiers, first match wins</legend>
        {rows.map((row, index) => (
          <TierRowFields
            key={row.key}
            row={row}
            index={index}
            errors={errors}
            update={update}
            remove={remove}
          />
        ))}
        {errors.tiers ? <p className="text-xs text-danger">{errors.tiers}</p> : null}
        <div className="max-w-xl">
          <label htmlFor="tier-policy-reason" className="text-xs text-muted">
            Reason for the change (the approver decides on it)
          </label>
          <textarea
            id="tier-policy-reason"
            name="reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? 'tier-policy-reason-error' : undefined}
            className={inputClass}
          />
          <FieldError id="tier-policy-reason-error" message={errors.reason} />
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={!canPropose || pending}
          className="rounded border border-border px-3 py-1.5 text-sm"
          onClick={add}
        >
          Add a tier before the last
        </button>
        <SubmitStatus words={WORDS} disabled={!canPropose} {...status} />
      </div>
    </form>
  );
}
