import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { AppliedOutsideCard } from '@/components/changes/applied-outside-card';
import { ChangeAsCode } from '@/components/changes/change-as-code';
import { ChangeDetail } from '@/components/changes/change-detail';
import { VerificationCard } from '@/components/changes/verification-card';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';
import { appChangeContext } from '@/lib/changes/app-context';
import { changeExists } from '@/lib/changes/queries';

export const metadata: Metadata = { title: 'Change request — Tierwise' };

export default async function ChangePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole('view-reports');
  const { id } = await params;
  if (!(await changeExists(await appChangeContext(), id))) notFound();
  return (
    <Suspense fallback={<Skeleton label="Reading the change and its job…" />}>
      <ChangeDetail id={id} user={user} />
      <div className="mt-6 grid gap-6">
        <Suspense fallback={<Skeleton label="Comparing executions since the apply…" />}>
          <VerificationCard id={id} />
        </Suspense>
        <Suspense fallback={null}>
          <AppliedOutsideCard id={id} user={user} />
        </Suspense>
        <Suspense fallback={<Skeleton label="Writing the change as code…" />}>
          <ChangeAsCode id={id} />
        </Suspense>
      </div>
    </Suspense>
  );
}
