import type { AuditEntry, ChangeRequest } from '@/lib/store';
import { limitsJson } from './job-limits-json';
import type { ChangeView } from './queries';

export { limitsJson };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function changeJson(change: ChangeRequest) {
  return {
    id: change.id,
    project: change.project,
    region: change.region,
    job: change.job,
    tier: change.tier,
    state: change.state,
    limitsBefore: limitsJson(change.limitsBefore),
    limitsAfter: limitsJson(change.limitsAfter),
    etagAtProposal: change.etagAtProposal,
    generationAtProposal: change.generationAtProposal,
    reason: change.reason,
    evidence: change.evidence,
    requester: change.requester,
    createdAt: iso(change.createdAt),
    decidedBy: change.decidedBy,
    decidedAt: iso(change.decidedAt),
    decisionComment: change.decisionComment,
    appliedAt: iso(change.appliedAt),
    failureReason: change.failureReason,
    updatedAt: iso(change.updatedAt),
    kind: change.plan ? 'split' : 'limits',
    ...(change.plan && {
      split: {
        policyVersion: change.plan.policyVersion,
        jobs: change.plan.tiers.map((item) => ({
          tier: item.tier,
          job: item.jobName,
          limits: limitsJson(item.limits),
        })),
      },
    }),
  };
}

export function auditJson(entry: AuditEntry) {
  return { ...entry, at: new Date(entry.at).toISOString() };
}

export function changeViewJson(view: ChangeView) {
  return {
    ...changeJson(view.change),
    job: view.change.job,
    jobNow: view.job
      ? { etag: view.job.etag, generation: view.job.generation, limits: limitsJson(view.job) }
      : null,
    jobError: view.jobError,
    drift: view.drift,
    history: view.history.map(auditJson),
  };
}
