'use client';

import { useActionState, useState } from 'react';
import {
  fieldErrors,
  policyFromForm,
  tierPolicySchema,
  type SettingsFormState,
} from '@/lib/data/settings-schema';
import type { TierPolicy } from '@/lib/domain/tiers';
import { FieldError, FormStatus, inputClass } from './form-bits';

type Row = {
  key: number;
  id: string;
  label: string;
  maxClipCount: string;
  maxTotalMb: string;
  jobName: string;
};
type Action = (previous: SettingsFormState | null, form: FormData) => Promise<SettingsFormState>;

const text = (value: number | string | undefined) => (value === undefined ? '' : String(value));
const COLUMNS = [
  ['id', 'Id'],
  ['label', 'Name'],
  ['maxClipCount', 'At most clips'],
  ['maxTotalMb', 'Below MB'],
  ['jobName', 'Served by job'],
] as const;

/** Edits the ordered tiers; checked in the browser with the server's own schema before sending. */
export function TierPolicyForm({
  policy,
  action,
  canEdit,
}: {
  policy: TierPolicy;
  action: Action;
  canEdit: boolean;
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    policy.tiers.map((t, key) => ({
      key,
      id: t.id,
      label: t.label,
      maxClipCount: text(t.maxClipCount),
      maxTotalMb: text(t.maxTotalMb),
      jobName: text(t.jobName),
    })),
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [state, formAction, pending] = useActionState(action, null);
  const errors = { ...(state?.errors ?? {}), ...clientErrors };
  const update = (key: number, field: keyof Row, value: string) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  return (
    <form
      action={formAction}
      noValidate
      aria-describedby="tier-policy-status"
      onSubmit={(event) => {
        const checked = tierPolicySchema.safeParse(
          policyFromForm(new FormData(event.currentTarget)),
        );
        setClientErrors(checked.success ? {} : fieldErrors(checked.error));
        if (!checked.success) event.preventDefault();
      }}
      className="space-y-3"
    >
      <fieldset disabled={!canEdit || pending} className="space-y-2">
        <legend className="sr-only">Tiers, first match wins</legend>
        {rows.map((row, index) => (
          <div
            key={row.key}
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
                    inputMode={
                      field === 'maxClipCount' || field === 'maxTotalMb' ? 'decimal' : undefined
                    }
                    onChange={(e) => update(row.key, field, e.target.value)}
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
              onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              aria-label={`Remove tier ${row.label || index + 1}`}
            >
              Remove
            </button>
            {errors[`tiers.${index}`] ? (
              <p className="col-span-6 text-xs text-danger">{errors[`tiers.${index}`]}</p>
            ) : null}
          </div>
        ))}
        {errors.tiers ? <p className="text-xs text-danger">{errors.tiers}</p> : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={!canEdit || pending}
          className="rounded border border-border px-3 py-1.5 text-sm"
          onClick={() =>
            setRows((all) => [
              ...all.slice(0, -1),
              { key: Date.now(), id: '', label: '', maxClipCount: '', maxTotalMb: '', jobName: '' },
              ...all.slice(-1),
            ])
          }
        >
          Add a tier before the last
        </button>
        <button
          type="submit"
          disabled={!canEdit || pending}
          className="rounded bg-accent px-3 py-1.5 text-sm text-background"
        >
          {pending ? 'Saving…' : 'Save tier policy'}
        </button>
        <FormStatus
          id="tier-policy-status"
          ok={state ? state.ok && Object.keys(clientErrors).length === 0 : null}
          message={
            Object.keys(clientErrors).length > 0
              ? 'Some fields need fixing; nothing was sent.'
              : (state?.message ?? '')
          }
        />
      </div>
    </form>
  );
}
