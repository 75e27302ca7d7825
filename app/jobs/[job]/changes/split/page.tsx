import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SplitLoader } from '@/components/changes/split-loader';
import { Skeleton } from '@/components/ui/skeleton';
import { notFound } from 'next/navigation';
import { requirePageRole } from '@/lib/auth/guard';
import { jobExists } from '@/lib/data/report-view';

export const metadata: Metadata = { title: 'Split into one job per tier — Tierwise' };

export default async function SplitPage({ params }: { params: Promise<{ job: string }> }) {
  await requirePageRole('propose-change');
  const { job } = await params;
  // Before anything streams, so an unknown job answers 404 rather than a 200 page saying so.
  if (!(await jobExists(job))) notFound();
  return (
    <div className="grid gap-6">
      <h1 className="text-xl font-semibold">Split {job} into one job per tier</h1>
      <p className="text-sm text-muted">
        Each tier gets its own Cloud Run job: a copy of {job} (image, environment, service account)
        with the tier&apos;s limits. Cloud Run dry-runs every create before the proposal is saved;
        once another approver approves and it is applied, the jobs are created and the tier policy
        routes each tier to its job. {job} itself is left as it is.
      </p>
      <Suspense fallback={<Skeleton label="Reading the job and its 30-day report…" />}>
        <SplitLoader job={job} />
      </Suspense>
    </div>
  );
}
