import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION } from '@/emulator/run/fixture-world';
import { updateJobLimits } from '@/lib/gcp';
import { listAudit } from '@/lib/store';
import { DIALECTS } from '@/test/support/databases';
import { approveChange } from './decide';
import { ChangeForbiddenError, ChangeInputError, ChangeStateError } from './errors';
import { appliedOutsideNote, markAppliedOutside } from './outside';
import { proposeChange } from './propose';
import { getChangeView } from './queries';
import {
  approver,
  proposalFor,
  requester,
  secondApprover,
  harnessForTests,
  viewer,
  type Harness,
} from '@/test/support/change-harness';

describe.each(DIALECTS)('recording a change applied outside Tierwise on %s', (dialect) => {
  let h: Harness;
  harnessForTests(dialect, (started) => {
    h = started;
  });

  async function approved() {
    const change = await proposeChange(h.context, requester, proposalFor(await h.job()));
    return approveChange(h.context, approver, change.id, { comment: 'ok' });
  }

  /** What a team's own pipeline does: the same UpdateJob, outside Tierwise. */
  async function applyOutside(limits: Parameters<typeof updateJobLimits>[1]['limits']) {
    const job = await h.job();
    await updateJobLimits(h.clients, {
      project: FIXTURE_PROJECT,
      region: FIXTURE_REGION,
      job: job.name,
      limits,
      etag: job.etag,
      validateOnly: false,
    });
  }

  it('refuses while Cloud Run does not run the approved limits, and leaves it approved', async () => {
    const change = await approved();
    await expect(
      markAppliedOutside(h.context, secondApprover, change.id, { note: 'terraform run 12' }),
    ).rejects.toThrow(ChangeStateError);
    const view = await getChangeView(h.context, change.id);
    expect(view.change.state).toBe('approved');
  });

  it('records it as applied with the note once the job runs the approved limits', async () => {
    const change = await approved();
    await applyOutside(change.limitsAfter);
    const applied = await markAppliedOutside(h.context, secondApprover, change.id, {
      note: 'terraform run 12 in infra-prod',
    });
    expect(applied).toMatchObject({ state: 'applied', appliedAt: expect.any(Number) });
    const entries = await listAudit(h.store, { target: `change:${change.id}`, limit: 10 });
    expect(entries[0]).toMatchObject({
      action: 'change.applied',
      actor: secondApprover.email,
      details: {
        from: 'approved',
        to: 'applied',
        appliedOutside: 'terraform run 12 in infra-prod',
      },
    });
    expect(appliedOutsideNote(entries)).toBe('terraform run 12 in infra-prod');
    await expect(
      markAppliedOutside(h.context, secondApprover, change.id, { note: 'again' }),
    ).rejects.toThrow(/applied; only a approved change/);
  });

  it('needs the apply role and a note saying how', async () => {
    const change = await approved();
    await expect(
      markAppliedOutside(h.context, viewer, change.id, { note: 'by hand' }),
    ).rejects.toThrow(ChangeForbiddenError);
    await expect(markAppliedOutside(h.context, approver, change.id, {})).rejects.toThrow(
      ChangeInputError,
    );
  });
});
