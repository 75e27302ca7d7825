import Link from 'next/link';
import type { AuthorizedUser } from '@/lib/auth/guard';
import { allowedMoves } from '@/lib/changes/allowed-moves';
import { appChangeContext } from '@/lib/changes/app-context';
import { limitsOf } from '@/lib/changes/job-limits';
import { getChangeView } from '@/lib/changes/queries';
import { Card } from '@/components/ui/card';
import { AuditTable } from './audit-table';
import { DecisionPanel } from './decision-panel';
import { EvidenceSummary } from './evidence-summary';
import { LimitsDiff } from './limits-diff';
import { SplitPlanTable } from './split-plan';
import { StateBadge } from './state-badge';
import { formatDateTimeUtc } from '@/lib/format';

export async function ChangeDetail({ id, user }: { id: string; user: AuthorizedUser }) {
  const view = await getChangeView(await appChangeContext(), id);
  const { change } = view;
  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">
          {change.job} · {change.plan ? 'split into one job per tier' : `tier ${change.tier}`}
        </h1>
        <StateBadge state={change.state} />
        <span className="text-sm text-muted">
          {change.project} / {change.region} · proposed by {change.requester} on{' '}
          {formatDateTimeUtc(change.createdAt)} UTC
        </span>
      </header>
      {view.drift.length > 0 ? (
        <p role="alert" className="rounded border border-warning p-3 text-sm text-warning">
          The job drifted since this was proposed: {view.drift.join('; ')}. Approving or applying
          will mark the change superseded instead of overwriting it.
        </p>
      ) : null}
      {view.jobError ? (
        <p className="text-sm text-danger">The job could not be read: {view.jobError}</p>
      ) : null}
      {change.failureReason ? (
        <p className="rounded border border-danger p-3 text-sm">
          <span className="font-medium">
            Why it {change.state === 'superseded' ? 'was superseded' : 'failed'}:
          </span>{' '}
          {change.failureReason}
        </p>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={change.plan ? 'One job per tier' : 'Limits'}>
          {change.plan ? (
            <SplitPlanTable
              plan={change.plan}
              base={change.limitsBefore}
              created={change.state === 'applied'}
            />
          ) : (
            <LimitsDiff
              before={change.limitsBefore}
              after={change.limitsAfter}
              now={view.job ? limitsOf(view.job) : null}
            />
          )}
          <p className="mt-2 text-xs text-muted">
            Proposed against generation {change.generationAtProposal}, etag {change.etagAtProposal}
            {view.job
              ? `; the job is now generation ${view.job.generation}, etag ${view.job.etag}`
              : ''}
            .
          </p>
        </Card>
        <Card title="Reason">
          <p className="text-sm">{change.reason}</p>
        </Card>
      </div>
      <Card title="Evidence">
        <EvidenceSummary evidence={change.evidence} tier={change.tier} />
      </Card>
      {change.decidedBy ? (
        <p className="text-sm">
          {change.state === 'withdrawn' ? 'Withdrawn' : 'Decided'} by {change.decidedBy}
          {change.decisionComment ? `: “${change.decisionComment}”` : ''}
        </p>
      ) : null}
      <Card title="Decide">
        <DecisionPanel id={change.id} allowed={allowedMoves(change, user)} />
      </Card>
      <Card title="History">
        <AuditTable rows={view.history.map((entry) => ({ entry, change: null }))} />
        <Link
          href={`/audit?change=${change.id}`}
          className="mt-2 inline-block text-sm text-accent underline"
        >
          Open in the audit log
        </Link>
      </Card>
    </div>
  );
}
