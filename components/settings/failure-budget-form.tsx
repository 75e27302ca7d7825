'use client';

import { formatDateTimeUtc, formatShare } from '@/lib/format';
import { FieldError, inputClass, SubmitStatus, useSettingsForm } from './form-bits';
import type { SettingsAction } from './form-bits';

const WORDS = {
  statusId: 'failure-budget-status',
  label: 'Save the cap',
  pendingLabel: 'Saving…',
};

export type FailureBudgetRow = {
  readonly job: string;
  readonly maxFailureRate: number;
  readonly updatedBy: string;
  readonly updatedAt: number;
};

/**
 * The failure budget cap per job: the largest share of a job's executions its recommendations may
 * let fail. A job without one keeps the default; emptying the share returns a job to it.
 */
export function FailureBudgetForm({
  budgets,
  defaultRate,
  action,
  canEdit,
}: {
  budgets: readonly FailureBudgetRow[];
  defaultRate: number;
  action: SettingsAction;
  canEdit: boolean;
}) {
  const { formAction, pending, errors, status } = useSettingsForm(action);
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Every recommendation is held to a failure budget: no more failed executions than today, at
        least one a month, and never more than the job&apos;s cap (default{' '}
        {formatShare(defaultRate)} of executions). Projected failures are checked at the upper end
        of their interval.
      </p>
      {budgets.length > 0 ? (
        <table className="w-full text-sm" data-testid="failure-budgets">
          <thead>
            <tr className="text-left text-muted">
              <th className="font-normal">Job</th>
              <th className="font-normal">Cap</th>
              <th className="font-normal">Set by</th>
            </tr>
          </thead>
          <tbody>
            {budgets.map((budget) => (
              <tr key={budget.job}>
                <td>{budget.job}</td>
                <td>{formatShare(budget.maxFailureRate)}</td>
                <td>
                  {budget.updatedBy}, {formatDateTimeUtc(budget.updatedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-muted">No job has its own cap: every job uses the default.</p>
      )}
      <form action={formAction} noValidate className="grid gap-2 md:grid-cols-3">
        <fieldset disabled={!canEdit || pending} className="contents">
          <label className="text-sm">
            Job
            <input
              name="job"
              aria-invalid={Boolean(errors.job)}
              aria-describedby="failure-budget-job-error"
              className={inputClass}
            />
            <FieldError id="failure-budget-job-error" message={errors.job} />
          </label>
          <label className="text-sm">
            Most executions that may fail (%)
            <input
              name="maxFailurePercent"
              inputMode="decimal"
              placeholder={String(defaultRate * 100)}
              aria-invalid={Boolean(errors.maxFailurePercent)}
              aria-describedby="failure-budget-rate-error"
              className={inputClass}
            />
            <FieldError id="failure-budget-rate-error" message={errors.maxFailurePercent} />
          </label>
          <div className="flex flex-wrap items-end gap-x-3 gap-y-1">
            <SubmitStatus words={WORDS} disabled={!canEdit} {...status} />
          </div>
        </fieldset>
      </form>
    </div>
  );
}
