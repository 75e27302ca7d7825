'use client';

import { useState } from 'react';
import { proposeChangesAction } from '@/lib/changes/plans/batch-actions';
import { PlaceFields } from './place-fields';
import type { BatchDraft, BatchRowDraft } from '@/lib/changes/plans/batch-draft';
import { batchFromForm, parseBatch, rowErrors } from '@/lib/changes/plans/batch-schema';
import type { LimitsJson } from '@/lib/changes/job-limits-json';
import {
  cpuOf,
  LIMIT_FIELDS,
  LimitCell,
  ProjectionLine,
  ReasonField,
  SubmitRow,
  useProposalForm,
} from './proposal-form-kit';

const sameLimits = (a: LimitsJson, b: LimitsJson) =>
  LIMIT_FIELDS.every((field) => String(a[field.name]) === String(b[field.name]));

/** A row starts ticked when it has a job and its prefill would change something. */
function startsIncluded(row: BatchRowDraft): boolean {
  return (
    row.current !== null && row.recommended !== null && !sameLimits(row.recommended, row.current)
  );
}

/**
 * One row per tier with a job of its own, prefilled from that tier's recommendation, each checked
 * here with the server's schema for speed. One submit proposes a change per ticked row; Cloud Run
 * dry-runs every one and nothing is stored unless all pass.
 */
export function BatchForm({ draft }: { draft: BatchDraft }) {
  const { formAction, pending, values, value, edit, errorOf, check, requestError } =
    useProposalForm(proposeChangesAction, (form) => {
      const { body, rows } = batchFromForm(form);
      const result = parseBatch(body);
      return result.ok ? null : rowErrors(result.errors, rows);
    });
  const [included, setIncluded] = useState(() => draft.rows.map(startsIncluded));
  const general = errorOf('items') ?? requestError;

  return (
    <form action={formAction} onSubmit={check} noValidate className="grid gap-4">
      <input type="hidden" name="rowCount" value={draft.rows.length} />
      <PlaceFields place={draft.place} />
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
                    ? LIMIT_FIELDS.map((field) => (
                        <LimitCell
                          key={field.name}
                          id={id(field.name)}
                          name={name(field.name)}
                          label={`${row.label} ${field.label}`}
                          value={value(name(field.name), start[field.name])}
                          error={errorOf(`items.${index}.limits.${field.name}`)}
                          onChange={edit(name(field.name))}
                        />
                      ))
                    : LIMIT_FIELDS.map((field) => <td key={field.name} />)}
                  <td className="py-2" aria-live="polite">
                    {start ? (
                      <ProjectionLine
                        points={row.projections}
                        vcpu={cpuOf(value(name('cpu'), start.cpu))}
                      />
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
      <ReasonField
        id="batch-reason"
        label="Reason for every tier's change"
        value={values.reason ?? ''}
        error={errorOf('reason')}
        onChange={edit('reason')}
      />
      <SubmitRow
        error={general}
        pending={pending}
        idle="Dry run and propose every tier"
        busy="Checking every tier with Cloud Run…"
      />
    </form>
  );
}
