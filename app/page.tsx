import { Suspense } from 'react';
import { connection } from 'next/server';
import { JobsOverview } from '@/components/jobs/jobs-overview';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';

const WINDOW_DAYS = 30;

export default async function OverviewPage() {
  await connection();
  await requirePageRole('view-reports');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Cloud Run jobs</h1>
      <Suspense fallback={<Skeleton />}>
        <JobsOverview days={WINDOW_DAYS} />
      </Suspense>
    </div>
  );
}
