import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ProposalLoader } from '@/components/changes/proposal-loader';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Propose new limits — Tierwise' };

export default async function NewChangePage({ params }: { params: Promise<{ job: string }> }) {
  await requirePageRole('propose-change');
  const { job } = await params;
  return (
    <div className="grid gap-6">
      <h1 className="text-xl font-semibold">Propose new limits for {job}</h1>
      <p className="text-sm text-muted">
        Cloud Run checks the limits in a dry run before the proposal is saved; another approver
        reviews it before it is applied.
      </p>
      <Suspense fallback={<Skeleton label="Reading the job and its 30-day report…" />}>
        <ProposalLoader job={job} />
      </Suspense>
    </div>
  );
}
