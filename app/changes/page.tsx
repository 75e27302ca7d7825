import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ChangeList } from '@/components/changes/change-list';
import { Filters } from '@/components/changes/filters';
import { ProposeJump } from '@/components/changes/propose-jump';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';
import { isChangeState } from '@/lib/changes/queries';
import { CHANGE_STATES } from '@/lib/changes/queries';

export const metadata: Metadata = { title: 'Change requests — Tierwise' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ChangesPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageRole('view-reports');
  const query = await searchParams;
  const state =
    typeof query.state === 'string' && isChangeState(query.state) ? query.state : undefined;
  const job =
    typeof query.job === 'string' && query.job.trim() !== '' ? query.job.trim() : undefined;
  return (
    <div className="grid gap-6">
      <h1 className="text-xl font-semibold">Change requests</h1>
      <ProposeJump />
      <Filters
        action="/changes"
        fields={[
          { name: 'state', label: 'State', value: state ?? '', options: CHANGE_STATES },
          { name: 'job', label: 'Job', value: job ?? '' },
        ]}
      />
      <Suspense key={`${state}-${job}`} fallback={<Skeleton label="Reading change requests…" />}>
        <ChangeList filter={{ ...(state && { state }), ...(job && { job }) }} />
      </Suspense>
    </div>
  );
}
