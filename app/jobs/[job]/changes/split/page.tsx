import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SplitLoader } from '@/components/changes/split-loader';
import { PlaceRefused } from '@/components/changes/place-refused';
import { proposalPagePlace } from '@/lib/changes/app-places';
import { Skeleton } from '@/components/ui/skeleton';
import { notFound } from 'next/navigation';
import { requirePageRole } from '@/lib/auth/guard';
import { jobExists } from '@/lib/data/report-view';

export const metadata: Metadata = { title: 'Split into one job per tier — Tierwise' };

type Props = {
  params: Promise<{ job: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function SplitPage({ params, searchParams }: Props) {
  await requirePageRole('propose-change');
  const { job } = await params;
  // The job's place from the report's link; one Tierwise does not read is refused, by field.
  const where = await proposalPagePlace(await searchParams);
  if (!where.ok) return <PlaceRefused job={job} errors={where.errors} />;
  const { place } = where;
  // Before anything streams, so an unknown job answers 404 rather than a 200 page saying so.
  if (!(await jobExists(job, undefined, place.region, place.project))) notFound();
  return (
    <div className="grid gap-6">
      <h1 className="text-xl font-semibold">
        Split {job} into one job per tier
        <span className="text-muted">
          {' '}
          · {place.project} / {place.region}
        </span>
      </h1>
      <p className="text-sm text-muted">
        Each tier gets its own Cloud Run job: a copy of {job} (image, environment, service account)
        with the tier&apos;s limits. Cloud Run dry-runs every create before the proposal is saved;
        once another approver approves and it is applied, the jobs are created and the tier policy
        routes each tier to its job. {job} itself is left as it is.
      </p>
      <Suspense fallback={<Skeleton label="Reading the job and its 30-day report…" />}>
        <SplitLoader job={job} place={place} />
      </Suspense>
    </div>
  );
}
