import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { TierPolicyVersions } from '@/components/tier-policy/tier-policy-versions';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Tier policy — Tierwise' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TierPolicyPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole('view-reports');
  const { decided } = await searchParams;
  return (
    <div className="grid gap-6">
      <h1 className="text-xl font-semibold">Tier policy</h1>
      <p className="text-sm text-muted">
        Which tier an execution belongs to and which job serves each tier. A change is proposed on{' '}
        <Link href="/settings" className="text-accent underline">
          Settings
        </Link>{' '}
        and takes effect — in every report and at <code>GET /api/tier-policy</code> for
        orchestrators — only once an approver other than its proposer approves it.
      </p>
      <Suspense fallback={<Skeleton label="Reading tier policy versions…" />}>
        <TierPolicyVersions user={user} decided={typeof decided === 'string' ? decided : null} />
      </Suspense>
    </div>
  );
}
