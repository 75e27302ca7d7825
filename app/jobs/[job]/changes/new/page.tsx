import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BatchLoader } from '@/components/changes/batch-loader';
import { ProposalLoader } from '@/components/changes/proposal-loader';
import { PlaceRefused } from '@/components/changes/place-refused';
import { proposalPagePlace } from '@/lib/changes/app-places';
import { Skeleton } from '@/components/ui/skeleton';
import { notFound } from 'next/navigation';
import { requirePageRole } from '@/lib/auth/guard';
import { jobExists } from '@/lib/data/report-view';
import { hasTierJobs } from '@/lib/changes/plans/batch-draft';
import { OBJECTIVES } from '@/lib/domain/report/types';
import {
  DEFAULT_OBJECTIVE,
  DEFAULT_WINDOW_DAYS,
  WINDOW_DAYS,
} from '@/components/report/view-params';

export const metadata: Metadata = { title: 'Propose new limits — Tierwise' };

/** One section per way to propose; each reads what it needs inside its own Suspense. */
type Props = {
  params: Promise<{ job: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The report view the form is prefilled from: `days` and `objective` as on the job report. */
function viewOf(query: Record<string, string | string[] | undefined>) {
  const days = Number(query.days);
  const objective = OBJECTIVES.find((candidate) => candidate === query.objective);
  return {
    view: {
      days: WINDOW_DAYS.some((allowed) => allowed === days) ? days : DEFAULT_WINDOW_DAYS,
      objective: objective ?? DEFAULT_OBJECTIVE,
    },
    tier: typeof query.tier === 'string' ? query.tier : undefined,
  };
}

export default async function NewChangePage({ params, searchParams }: Props) {
  await requirePageRole('propose-change');
  const { job } = await params;
  const query = await searchParams;
  // The job's place from the report's link; one Tierwise does not read is refused, by field.
  const where = await proposalPagePlace(query);
  if (!where.ok) return <PlaceRefused job={job} errors={where.errors} />;
  const { place } = where;
  const { view, tier } = viewOf(query);
  // Before anything streams, so an unknown job answers 404 rather than a 200 page saying so.
  if (!(await jobExists(job, undefined, place.region, place.project))) notFound();
  const tierJobs = await hasTierJobs(job);
  return (
    <div className="grid gap-6">
      <h1 className="text-xl font-semibold">
        Propose new limits for {job}
        <span className="text-muted">
          {' '}
          · {place.project} / {place.region}
        </span>
      </h1>
      <section aria-labelledby={tierJobs ? 'one-tier-heading' : undefined} className="grid gap-4">
        {tierJobs ? (
          <h2 id="one-tier-heading" className="text-lg font-semibold">
            One tier
          </h2>
        ) : null}
        <p className="text-sm text-muted">
          Cloud Run checks the limits in a dry run before the proposal is saved; another approver
          reviews it before it is applied.
        </p>
        <Suspense fallback={<Skeleton label="Reading the job and its 30-day report…" />}>
          <ProposalLoader job={job} view={{ ...view, place }} tier={tier} />
        </Suspense>
      </section>
      {tierJobs ? (
        <section aria-labelledby="all-tiers-heading" className="grid gap-4">
          <h2 id="all-tiers-heading" className="text-lg font-semibold">
            All tiers at once
          </h2>
          <p className="text-sm text-muted">
            Each tier runs as its own job, so each gets its own change request: one dry run, one
            review and one apply per job. If Cloud Run refuses any of them, none is saved.
          </p>
          <Suspense fallback={<Skeleton label="Reading every tier job and its 30-day report…" />}>
            <BatchLoader place={place} />
          </Suspense>
        </section>
      ) : null}
    </div>
  );
}
