/** Splitting one job into one job per tier, through the emulator, on SQLite and PostgreSQL. */
import { beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION } from '@/emulator/run/fixture-world';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { createJobFrom, getJob, listJobs, updateJobLimits, type GcpClients } from '@/lib/gcp';
import { listAudit, transitionChangeRequest } from '@/lib/store';
import { DIALECTS } from '@/test/support/databases';
import { applyChange } from '@/lib/changes/apply';
import type { ChangeContext } from '@/lib/changes/service-context';
import { approveChange } from '@/lib/changes/decide';
import { ChangeInputError, ChangeStateError } from '@/lib/changes/errors';
import { resolveInterruptedApplies } from '@/lib/changes/recover';
import { changeLabel, proposeSplit } from '@/lib/changes/plans/split';
import { approveTierPolicy, proposeTierPolicy } from '@/lib/tier-policy/proposals';
import { approvedTierPolicy } from '@/lib/store/tier-policies';
import {
  approver,
  REEL,
  requester,
  secondApprover,
  harnessForTests,
  type Harness,
} from '@/test/support/change-harness';

const GiB = 2 ** 30;
let suffix = 0;

/** A split of the reel job into four fresh job names (each test its own, the world is shared). */
function splitBody(extra: Record<string, unknown> = {}) {
  suffix += 1;
  const name = (tier: string) => `reel-${tier}-${suffix}`;
  return {
    kind: 'split',
    job: REEL,
    reason: 'Small reels use a fifth of 4 GiB while xlarge ones run out of memory',
    tiers: [
      { tier: 'small', jobName: name('small'), limits: { cpu: '1', memory: '2Gi' } },
      { tier: 'medium', jobName: name('medium'), limits: { cpu: '2', memory: '2Gi' } },
      { tier: 'large', jobName: name('large'), limits: { cpu: '2', memory: '4Gi' } },
      {
        tier: 'xlarge',
        jobName: name('xlarge'),
        limits: { cpu: '4', memory: '8Gi', timeoutSeconds: 1800 },
      },
    ],
    ...extra,
  };
}

function fieldErrors(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(ChangeInputError);
  return { ...(error as ChangeInputError).errors };
}

/** Clients whose CreateJob fails after `allowed` creates: Google failing in the middle. */
function failingCreatesAfter(clients: GcpClients, allowed: number): GcpClients {
  let creates = 0;
  const jobs = new Proxy(clients.jobs, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'createJob' && typeof value === 'function') {
        return async (request: { validateOnly?: boolean }, ...rest: unknown[]) => {
          if (!request.validateOnly && (creates += 1) > allowed) {
            throw Object.assign(new Error('14 UNAVAILABLE: connection reset by peer'), {
              code: 14,
            });
          }
          return (value as (...args: unknown[]) => unknown).call(target, request, ...rest);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...clients, jobs };
}

describe.each(DIALECTS)('splitting a job into one job per tier on %s', (dialect) => {
  let h: Harness;
  harnessForTests(dialect, (started) => {
    h = started;
  });

  const names = async () =>
    (await listJobs(h.clients, { project: FIXTURE_PROJECT, region: FIXTURE_REGION })).items.map(
      (job) => job.name,
    );
  const jobNamed = (job: string) =>
    getJob(h.clients, { project: FIXTURE_PROJECT, region: FIXTURE_REGION, job });
  const actionsOf = async (id: string) =>
    (await listAudit(h.store, { target: `change:${id}`, limit: 100 }))
      .map((entry) => entry.action)
      .reverse();

  async function approvedSplit(body = splitBody(), context: ChangeContext = h.context) {
    const change = await proposeSplit(context, requester, body);
    return approveChange(context, approver, change.id, { comment: 'one job per tier' });
  }

  /** Each test starts from the policy routing every tier to the reel job. */
  beforeEach(async () => {
    const current = await approvedTierPolicy(h.store);
    if (JSON.stringify(current.policy) === JSON.stringify(DEFAULT_TIER_POLICY)) return;
    const proposal = await proposeTierPolicy(h.store, requester, {
      policy: DEFAULT_TIER_POLICY,
      reason: 'Back to one job serving every tier',
    });
    await approveTierPolicy(h.store, approver, proposal.id, {});
  });

  it('proposes with every create dry-run and the plan frozen, creating nothing', async () => {
    const before = await names();
    const body = splitBody();
    const change = await proposeSplit(h.context, requester, body);
    expect(change).toMatchObject({ state: 'proposed', job: REEL, tier: 'all' });
    expect(change.plan?.tiers.map((item) => [item.tier, item.jobName])).toEqual(
      body.tiers.map((item) => [item.tier, item.jobName]),
    );
    const reel = await h.job();
    expect(change.plan?.tiers[0]?.limits).toEqual({
      vcpu: 1,
      memoryBytes: 2 * GiB,
      timeoutSeconds: reel.timeoutSeconds,
      maxRetries: reel.maxRetries,
    });
    expect(change.plan?.tiers[3]?.limits.timeoutSeconds).toBe(1800);
    expect(change.plan?.policyVersion).toBe((await approvedTierPolicy(h.store)).version);
    expect(await names()).toEqual(before);
    expect(await actionsOf(change.id)).toEqual(['change.proposed', 'change.dry-run']);
  });

  it('refuses a split with a bad field, naming each, and stores nothing', async () => {
    const body = splitBody();
    const bad = {
      ...body,
      reason: 'short',
      tiers: [
        { ...body.tiers[0], limits: { cpu: '3', memory: '2Gi' } },
        { ...body.tiers[1], jobName: 'Medium_Job' },
        { ...body.tiers[2], jobName: body.tiers[3]?.jobName },
        { ...body.tiers[3], limits: { cpu: '4', memory: '1Ti' } },
      ],
    };
    const stored = await h.store.db.selectFrom('change_requests').select('id').execute();
    const error = await proposeSplit(h.context, requester, bad).catch((e: unknown) => e);
    const errors = fieldErrors(error);
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['reason', 'tiers.1.jobName']));
    const second = await proposeSplit(h.context, requester, {
      ...bad,
      reason: body.reason,
      tiers: [bad.tiers[0], body.tiers[1], bad.tiers[2], bad.tiers[3]],
    }).catch((e: unknown) => e);
    expect(Object.keys(fieldErrors(second))).toEqual(
      expect.arrayContaining(['tiers.0.limits.cpu', 'tiers.3.limits.memory']),
    );
    const third = await proposeSplit(h.context, requester, {
      ...body,
      tiers: [body.tiers[0], body.tiers[1], bad.tiers[2], body.tiers[3]],
    }).catch((e: unknown) => e);
    expect(fieldErrors(third)['tiers.3.jobName']).toMatch(/already the name of the large job/);
    expect(await h.store.db.selectFrom('change_requests').select('id').execute()).toEqual(stored);
  });

  it('refuses a split that leaves a tier out, names a taken job or splits a tier job', async () => {
    const body = splitBody();
    const missing = await proposeSplit(h.context, requester, {
      ...body,
      tiers: body.tiers.slice(0, 3),
    }).catch((e: unknown) => e);
    expect(fieldErrors(missing).tiers).toMatch(/xlarge is missing/);

    const taken = await proposeSplit(h.context, requester, {
      ...body,
      tiers: [{ ...body.tiers[0], jobName: 'thumbnail-job' }, ...body.tiers.slice(1)],
    }).catch((e: unknown) => e);
    expect(fieldErrors(taken)['tiers.0.jobName']).toMatch(/already exists/);

    const unknown = await proposeSplit(h.context, requester, {
      ...body,
      tiers: [
        ...body.tiers,
        { tier: 'huge', jobName: 'reel-huge', limits: { cpu: '8', memory: '16Gi' } },
      ],
    }).catch((e: unknown) => e);
    expect(fieldErrors(unknown)['tiers.4.tier']).toMatch(/Unknown tier "huge"/);
  });

  it('applies: creates each tier job as a copy with its limits, routes the policy, audits each step', async () => {
    const reel = await h.job();
    const change = await approvedSplit();
    const plan = change.plan;
    if (!plan) throw new Error('no plan');
    const result = await applyChange(h.context, secondApprover, change.id);
    expect(result.outcome).toBe('applied');
    for (const item of plan.tiers) {
      const job = await jobNamed(item.jobName);
      expect(job).toMatchObject({
        image: reel.image,
        serviceAccount: reel.serviceAccount,
        env: reel.env,
        vcpu: item.limits.vcpu,
        memoryBytes: item.limits.memoryBytes,
        timeoutSeconds: item.limits.timeoutSeconds,
        generation: 1,
      });
      expect(job.labels).toMatchObject({
        'tierwise-tier': item.tier,
        'tierwise-change': changeLabel(change.id),
      });
    }
    expect(await h.job()).toEqual(reel);
    const policy = await approvedTierPolicy(h.store);
    expect(policy.policy.tiers.map((tier) => [tier.id, tier.jobName])).toEqual(
      plan.tiers.map((item) => [item.tier, item.jobName]),
    );
    expect(policy.approvedBy).toBe(approver.email);
    const actions = await actionsOf(change.id);
    expect(actions.filter((action) => action === 'change.job-created')).toHaveLength(4);
    expect(actions.filter((action) => action === 'change.operation')).toHaveLength(4);
    expect(actions.slice(-3)).toEqual([
      'change.policy-updated',
      'change.verified',
      'change.applied',
    ]);

    await expect(applyChange(h.context, secondApprover, change.id)).rejects.toBeInstanceOf(
      ChangeStateError,
    );
  });

  it('a policy already split refuses another split of the same job', async () => {
    await applyChange(h.context, approver, (await approvedSplit()).id);
    const error = await proposeSplit(h.context, requester, splitBody()).catch((e: unknown) => e);
    expect(fieldErrors(error).job).toMatch(/does not serve every tier/);
  });

  it('Google failing after the first create → failed; applying again finishes without creating twice', async () => {
    const change = await approvedSplit();
    const plan = change.plan;
    if (!plan) throw new Error('no plan');
    const flaky = { ...h.context, clients: failingCreatesAfter(h.clients, 1) };
    const failed = await applyChange(flaky, approver, change.id);
    expect(failed.outcome).toBe('failed');
    expect(failed.change.failureReason).toMatch(/unavailable/i);
    const first = await jobNamed(plan.tiers[0]?.jobName ?? '');
    expect(first.generation).toBe(1);
    await expect(jobNamed(plan.tiers[1]?.jobName ?? '')).rejects.toThrow();
    expect((await approvedTierPolicy(h.store)).policy).toEqual(DEFAULT_TIER_POLICY);

    const retried = await applyChange(h.context, approver, change.id);
    expect(retried.outcome).toBe('applied');
    const again = await jobNamed(plan.tiers[0]?.jobName ?? '');
    expect(again.etag).toBe(first.etag);
    expect(again.generation).toBe(1);
    const created = (await actionsOf(change.id)).filter((a) => a === 'change.job-created');
    expect(created).toHaveLength(4);
  });

  it('a job edited between approval and apply → superseded, nothing created', async () => {
    const change = await approvedSplit();
    const before = await names();
    const reel = await h.job();
    await updateJobLimits(h.clients, {
      project: FIXTURE_PROJECT,
      region: FIXTURE_REGION,
      job: REEL,
      limits: { ...reel, memoryBytes: reel.memoryBytes === 4 * GiB ? 8 * GiB : 4 * GiB },
      etag: reel.etag,
      validateOnly: false,
    });
    const result = await applyChange(h.context, approver, change.id);
    expect(result.outcome).toBe('superseded');
    expect(result.change.failureReason).toMatch(/Nothing was created/);
    expect(await names()).toEqual(before);
  });

  it('a job of the planned name created by someone else stops the apply, overwriting nothing', async () => {
    const body = splitBody();
    const change = await approvedSplit(body);
    const name = body.tiers[0]?.jobName ?? '';
    const reel = await h.job();
    await createJobFrom(h.clients, {
      project: FIXTURE_PROJECT,
      region: FIXTURE_REGION,
      sourceJob: REEL,
      jobId: name,
      limits: { ...reel, vcpu: 8, memoryBytes: 16 * GiB },
      validateOnly: false,
    });
    const failed = await applyChange(h.context, approver, change.id);
    expect(failed.outcome).toBe('failed');
    expect(failed.change.failureReason).toMatch(/was not created by this change/);
    expect(await jobNamed(name)).toMatchObject({ vcpu: 8, generation: 1 });
    await expect(jobNamed(body.tiers[1]?.jobName ?? '')).rejects.toThrow();
    expect((await approvedTierPolicy(h.store)).policy).toEqual(DEFAULT_TIER_POLICY);
  });

  it('two concurrent applies of one split → one applies, each job created once', async () => {
    const change = await approvedSplit();
    const second = await h.secondInstance();
    const results = await Promise.allSettled([
      applyChange(h.context, approver, change.id),
      applyChange(second, secondApprover, change.id),
    ]);
    const applied = results.filter(
      (r) => r.status === 'fulfilled' && r.value.outcome === 'applied',
    );
    expect(applied).toHaveLength(1);
    const created = (await actionsOf(change.id)).filter((a) => a === 'change.job-created');
    expect(created).toHaveLength(4);
  });

  it('a split left applying by a stopped app is resolved by reading the jobs back', async () => {
    const change = await approvedSplit();
    await transitionChangeRequest(h.store, change.id, {
      from: ['approved'],
      to: 'applying',
      actor: approver.email,
    });
    const stale = await resolveInterruptedApplies(h.context, { staleAfterMs: 0 });
    expect(stale.failed).toContain(change.id);
    const retried = await applyChange(h.context, approver, change.id);
    expect(retried.outcome).toBe('applied');
  });
});
