'use client';

import type { SplitDraft } from '@/lib/changes/plans/split-draft';
import { proposeSplitAction } from '@/lib/changes/plans/split-actions';
import { PlaceFields } from './place-fields';
import { parseSplit, splitFromForm } from '@/lib/changes/plans/split-schema';
import { Field, inputClass } from './field';
import {
  cpuOf,
  LIMIT_FIELDS,
  LimitCell,
  ProjectionLine,
  ReasonField,
  SubmitRow,
  useProposalForm,
} from './proposal-form-kit';

/**
 * One row per tier: the new job's name and limits, prefilled from the tier's recommendation, with
 * the engine's projection for the vCPU typed. Checked here for speed and on the server for truth;
 * Cloud Run dry-runs every create before the proposal is saved.
 */
export function SplitForm({ draft }: { draft: SplitDraft }) {
  const { formAction, pending, values, value, edit, errorOf, check, requestError } =
    useProposalForm(proposeSplitAction.bind(null, draft.job), (form) => {
      const result = parseSplit(splitFromForm(draft.job, form));
      return result.ok ? null : result.errors;
    });
  const general = errorOf('tiers') ?? errorOf('job') ?? requestError;

  return (
    <form action={formAction} onSubmit={check} noValidate className="grid gap-4">
      <input type="hidden" name="tierCount" value={draft.tiers.length} />
      <PlaceFields place={draft.place} />
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
                  {LIMIT_FIELDS.map((field) => (
                    <LimitCell
                      key={field.name}
                      id={key(field.name)}
                      name={key(field.name)}
                      label={`${tier.label} ${field.label}`}
                      value={value(key(field.name), start[field.name])}
                      error={errorOf(`tiers.${index}.limits.${field.name}`)}
                      onChange={edit(key(field.name))}
                    />
                  ))}
                  <td className="py-2" aria-live="polite">
                    <ProjectionLine
                      points={tier.projections}
                      vcpu={cpuOf(value(key('cpu'), start.cpu))}
                    />
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
      <ReasonField
        id="reason"
        label="Reason"
        value={values.reason ?? ''}
        error={errorOf('reason')}
        onChange={edit('reason')}
      />
      <SubmitRow
        error={general}
        pending={pending}
        idle="Dry run and propose the split"
        busy="Checking every create with Cloud Run…"
      />
    </form>
  );
}
