import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION } from '@/emulator/run/fixture-world';
import { updateJobLimits, type GcpClients } from '@/lib/gcp';
import { listAudit, transitionChangeRequest } from '@/lib/store';
import { DIALECTS } from '@/test/support/databases';
import { applyChange } from './apply';
import type { ChangeContext } from '@/lib/changes/service-context';
import { approveChange } from './decide';
import { ChangeStateError } from './errors';
import { limitsOf } from './job-limits';
import { proposeChange } from './propose';
import { resolveInterruptedApplies } from './recover';
import {
  approver,
  proposalFor,
  REEL,
  requester,
  secondApprover,
  harnessForTests,
  type Harness,
} from '@/test/support/change-harness';

const GiB = 2 ** 30;

/** Two limit sets that differ from the job's and from each other. */
function rivalLimits(job: { vcpu: number; memoryBytes: number }) {
  const candidates = [
    { cpu: '1', memory: '2Gi', vcpu: 1, gib: 2 },
    { cpu: '2', memory: '4Gi', vcpu: 2, gib: 4 },
    { cpu: '4', memory: '8Gi', vcpu: 4, gib: 8 },
  ].filter((limits) => limits.vcpu !== job.vcpu || limits.gib * GiB !== job.memoryBytes);
  return candidates.slice(0, 2).map(({ cpu, memory }) => ({ cpu, memory }));
}

/** Clients whose operation polls fail: Cloud Run took the update but its answer was lost. */
function losingOperationAnswers(clients: GcpClients): GcpClients {
  const jobs = new Proxy(clients.jobs, {
    get(target, property, receiver) {
      if (property === 'checkUpdateJobProgress') {
        return async () => {
          throw Object.assign(new Error('14 UNAVAILABLE: connection reset by peer'), { code: 14 });
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...clients, jobs };
}

describe.each(DIALECTS)('applying changes on %s', (dialect) => {
  let h: Harness;
  harnessForTests(dialect, (started) => {
    h = started;
  });

  async function approved(context: ChangeContext = h.context, limits?: object) {
    const job = await h.job();
    const change = await proposeChange(
      context,
      requester,
      proposalFor(job, limits ? { limits } : {}),
    );
    return approveChange(context, approver, change.id, { comment: 'ok' });
  }

  async function actionsOf(id: string) {
    const entries = await listAudit(h.store, { target: `change:${id}`, limit: 50 });
    return entries.map((entry) => entry.action).reverse();
  }

  it('applies an approved change, verifies it and records every step with the operation', async () => {
    const change = await approved();
    const before = await h.job();
    const result = await applyChange(h.context, secondApprover, change.id);
    expect(result.outcome).toBe('applied');
    expect(result.change).toMatchObject({ state: 'applied', appliedAt: expect.any(Number) });
    const after = await h.job();
    expect(limitsOf(after)).toEqual(change.limitsAfter);
    expect(after.generation).toBe(before.generation + 1);
    expect(await actionsOf(change.id)).toEqual([
      'change.proposed',
      'change.dry-run',
      'change.approved',
      'change.applying',
      'change.dry-run',
      'change.operation',
      'change.verified',
      'change.applied',
    ]);
    const operation = (await listAudit(h.store, { target: `change:${change.id}`, limit: 50 })).find(
      (entry) => entry.action === 'change.operation',
    );
    expect(operation?.details.operation).toMatch(/^projects\/.+\/operations\/.+/);
  });

  it('refuses to apply a change that is not approved, or one already applied', async () => {
    const proposed = await proposeChange(h.context, requester, proposalFor(await h.job()));
    await expect(applyChange(h.context, approver, proposed.id)).rejects.toBeInstanceOf(
      ChangeStateError,
    );
    const change = await approved();
    await applyChange(h.context, approver, change.id);
    await expect(applyChange(h.context, approver, change.id)).rejects.toThrow(/is applied/);
    await expect(applyChange(h.context, requester, change.id)).rejects.toThrow(/cannot apply/);
  });

  it('lets exactly one of two app instances apply the same change, and writes the job once', async () => {
    const change = await approved();
    const other = await h.secondInstance();
    const before = await h.job();
    const outcomes = await Promise.allSettled([
      applyChange(h.context, approver, change.id),
      applyChange(other, secondApprover, change.id),
    ]);
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(winners[0]?.status === 'fulfilled' && winners[0].value.outcome).toBe('applied');
    const loser = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toBeInstanceOf(ChangeStateError);
    expect((await h.job()).generation).toBe(before.generation + 1);
  });

  it('supersedes a change whose job was edited after approval and leaves the edit alone', async () => {
    const change = await approved();
    const current = await h.job();
    const theirs = { ...limitsOf(current), maxRetries: 7 };
    const edited = await updateJobLimits(h.clients, {
      project: FIXTURE_PROJECT,
      region: FIXTURE_REGION,
      job: REEL,
      limits: theirs,
      etag: current.etag,
      validateOnly: false,
    });
    const result = await applyChange(h.context, approver, change.id);
    expect(result.outcome).toBe('superseded');
    expect(result.change.state).toBe('superseded');
    expect(result.change.failureReason).toMatch(/changed since this was proposed/);
    expect(await h.job()).toEqual(edited);
    expect(await actionsOf(change.id)).not.toContain('change.operation');
  });

  it('records the losing apply of two changes racing for one job as superseded, not failed', async () => {
    const job = await h.job();
    const [mine, theirs] = rivalLimits(job);
    const first = await approved(h.context, mine);
    const second = await approved(h.context, theirs);
    expect(first.etagAtProposal).toBe(job.etag);
    expect(second.etagAtProposal).toBe(job.etag);
    // The second reads the job, then the first is applied before the second writes anything.
    let firstDone: Promise<unknown> | undefined;
    const jobs = new Proxy(h.clients.jobs, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'updateJob' || typeof value !== 'function') {
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (...args: unknown[]) => {
          firstDone ??= applyChange(h.context, secondApprover, first.id);
          await firstDone;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const racing = { ...h.context, clients: { ...h.clients, jobs } };
    const lost = await applyChange(racing, approver, second.id);
    expect(await firstDone).toMatchObject({ outcome: 'applied' });
    expect(lost.outcome).toBe('superseded');
    expect(lost.change.state).toBe('superseded');
    expect(lost.change.failureReason).toMatch(/stale etag.*Nothing was written/);
    expect(limitsOf(await h.job())).toEqual(first.limitsAfter);
    expect(await actionsOf(second.id)).not.toContain('change.operation');
  });

  it('never records a failure for either side of 6 concurrent applies of rival changes', async () => {
    for (let round = 0; round < 6; round += 1) {
      const current = await h.job();
      const [mine, theirs] = rivalLimits(current);
      const rivals = [await approved(h.context, mine), await approved(h.context, theirs)];
      const other = await h.secondInstance();
      const results = await Promise.all([
        applyChange(h.context, approver, rivals[0]!.id),
        applyChange(other, secondApprover, rivals[1]!.id),
      ]);
      const outcomes = results.map((result) => result.outcome).sort();
      expect(outcomes).toEqual(['applied', 'superseded']);
    }
  });

  it('supersedes at approval when the job moved since the proposal', async () => {
    const change = await proposeChange(h.context, requester, proposalFor(await h.job()));
    const current = await h.job();
    await updateJobLimits(h.clients, {
      project: FIXTURE_PROJECT,
      region: FIXTURE_REGION,
      job: REEL,
      limits: { ...limitsOf(current), maxRetries: current.maxRetries === 2 ? 1 : 2 },
      etag: current.etag,
      validateOnly: false,
    });
    await expect(approveChange(h.context, approver, change.id, {})).rejects.toThrow(/superseded/);
    expect(await actionsOf(change.id)).toContain('change.superseded');
  });

  it('fails with Google words when Cloud Run is unavailable, then applies on retry', async () => {
    const change = await approved();
    const before = await h.job();
    const down = await h.faultyInstance({ unavailableRate: 1, exhaustedRate: 0, latencyMs: 0 });
    const failed = await applyChange(down, approver, change.id);
    expect(failed.outcome).toBe('failed');
    expect(failed.change.failureReason).toMatch(/unavailable/i);
    expect(await h.job()).toEqual(before);
    const retried = await applyChange(h.context, approver, change.id);
    expect(retried.outcome).toBe('applied');
    expect((await h.job()).generation).toBe(before.generation + 1);
  });

  it('fails when the operation answer is lost after Cloud Run took the update; retry never sends it twice', async () => {
    const change = await approved();
    const before = await h.job();
    // The job did change: whoever keeps its report is told, even though the apply failed.
    const told: string[][] = [];
    const lossy = {
      ...h.context,
      clients: losingOperationAnswers(h.clients),
      onJobsChanged: (jobs: readonly string[]) => void told.push([...jobs]),
    };
    const failed = await applyChange(lossy, approver, change.id);
    expect(failed.outcome).toBe('failed');
    expect(told).toEqual([[change.job]]);
    expect(failed.change.failureReason).toMatch(/unavailable|connection reset/i);
    expect((await h.job()).generation).toBe(before.generation + 1);
    const retried = await applyChange(h.context, secondApprover, change.id);
    expect(retried.outcome).toBe('already-applied');
    expect(retried.change.state).toBe('applied');
    const after = await h.job();
    expect(after.generation).toBe(before.generation + 1);
    expect(limitsOf(after)).toEqual(change.limitsAfter);
    expect(
      (await actionsOf(change.id)).filter((action) => action === 'change.operation'),
    ).toHaveLength(1);
  });

  it('resolves changes left applying by a stopped app: applied if the job has them, failed if not', async () => {
    const landed = await approved();
    const lost = await approved(h.context, { cpu: '8', memory: '16Gi' });
    const claim = { from: ['approved' as const], to: 'applying' as const, actor: approver.email };
    await transitionChangeRequest(h.store, landed.id, claim);
    const current = await h.job();
    await updateJobLimits(h.clients, {
      project: FIXTURE_PROJECT,
      region: FIXTURE_REGION,
      job: REEL,
      limits: landed.limitsAfter,
      etag: current.etag,
      validateOnly: false,
    });
    await transitionChangeRequest(h.store, lost.id, claim);
    const fresh = await resolveInterruptedApplies(h.context, { staleAfterMs: 60_000 });
    expect(fresh).toEqual({ applied: [], failed: [], unresolved: [] });
    const result = await resolveInterruptedApplies(h.context, { staleAfterMs: 0 });
    expect(result.applied).toEqual([landed.id]);
    expect(result.failed).toEqual([lost.id]);
    expect(await actionsOf(lost.id)).toContain('change.failed');
    // The lost one was proposed against the job before `landed` moved it: applying again supersedes it.
    const again = await applyChange(h.context, approver, lost.id);
    expect(again.outcome).toBe('superseded');
    expect(limitsOf(await h.job())).toEqual(landed.limitsAfter);
    expect(lost.limitsAfter.memoryBytes).toBe(16 * GiB);
  });
});
