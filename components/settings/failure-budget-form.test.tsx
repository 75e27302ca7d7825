import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailureBudgetForm } from './failure-budget-form';

const action = async () => ({ ok: true as const, value: { message: '' } });

describe('FailureBudgetForm', () => {
  it('lists each job’s cap with who set it, and the default', () => {
    const html = renderToStaticMarkup(
      <FailureBudgetForm
        budgets={[
          {
            job: 'reel-stitching-job',
            maxFailureRate: 0.0025,
            updatedBy: 'ana@example.com',
            updatedAt: Date.UTC(2026, 11, 1, 9, 30),
          },
        ]}
        defaultRate={0.005}
        canEdit
        action={action}
      />,
    );
    expect(html).toContain('default 0.5% of executions');
    expect(html).toContain('<td>reel-stitching-job</td><td>0.25%</td>');
    expect(html).toContain('ana@example.com, 1 Dec 2026, 09:30');
    expect(html).toContain('name="maxFailurePercent"');
  });

  it('cannot be edited by someone who may not change settings', () => {
    const html = renderToStaticMarkup(
      <FailureBudgetForm budgets={[]} defaultRate={0.005} canEdit={false} action={action} />,
    );
    expect(html).toContain('every job uses the default');
    expect(html).toMatch(/<fieldset disabled=""/);
  });
});
