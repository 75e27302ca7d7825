import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound, unauthorized } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { CompareWithLive } from '@/components/snapshots/compare-with-live';
import { LinkKind } from '@/components/snapshots/link-kind';
import { PrintButton } from '@/components/snapshots/print-button';
import { PublicLinkForm } from '@/components/snapshots/public-link-form';
import { RevokeButton } from '@/components/snapshots/revoke-button';
import { SnapshotView } from '@/components/snapshots/snapshot-view';
import { Skeleton } from '@/components/ui/skeleton';
import { roleSatisfies, isRole } from '@/lib/domain/roles';
import { env } from '@/lib/env';
import { SnapshotAccessError, snapshotViewer, type SnapshotViewer } from '@/lib/snapshots/access';
import { SnapshotGoneError, SnapshotNotFoundError, PublicLinkError } from '@/lib/snapshots/errors';
import { MAX_PUBLIC_LINK_DAYS } from '@/lib/snapshots/public-link-service';
import { publicLinksEnabled } from '@/lib/snapshots/public-links';
import { openSharedSnapshot } from '@/lib/snapshots/app';
import type { OpenedSnapshot } from '@/lib/snapshots/snapshots';
import '@/components/snapshots/print.css';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = {
  title: 'Shared cost report — Tierwise',
  robots: { index: false },
};

function queryOf(search: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    if (typeof value === 'string') query.set(key, value);
  return query;
}

async function access(id: string, query: URLSearchParams): Promise<SnapshotViewer> {
  try {
    return await snapshotViewer(id, query);
  } catch (error) {
    if (error instanceof SnapshotAccessError)
      return error.status === 401 ? unauthorized() : forbidden();
    throw error;
  }
}

function Gone({ message }: { message: string }) {
  return (
    <div className="p-6">
      <h1 className="text-lg font-semibold">This shared report is no longer available</h1>
      <p className="mt-2 text-sm text-muted">{message}</p>
    </div>
  );
}

export default async function SharedReportPage({ params, searchParams }: Props) {
  await connection();
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const query = queryOf(search);
  let viewer: SnapshotViewer;
  let opened: OpenedSnapshot;
  try {
    viewer = await access(id, query);
    opened = await openSharedSnapshot(id);
  } catch (error) {
    if (error instanceof SnapshotNotFoundError) notFound();
    // Revoked and expired snapshots are answered with 410 by the proxy; this covers expired public links.
    if (error instanceof SnapshotGoneError || error instanceof PublicLinkError)
      return <Gone message={error.message} />;
    throw error;
  }
  const { document } = opened;
  const signedIn = viewer.kind === 'signed-in' ? viewer : null;
  const canShare =
    signedIn !== null && isRole(signedIn.role) && roleSatisfies(signedIn.role, 'share-report');
  const canRevoke =
    signedIn !== null && (signedIn.email === document.takenBy || signedIn.role === 'admin');
  const linkQuery = viewer.kind === 'public' ? `?${query.toString()}` : '';
  const exportQuery = (extra: string) => (linkQuery ? `${linkQuery}&${extra}` : `?${extra}`);
  return (
    <div className="space-y-6">
      <LinkKind viewer={viewer} expiresAtMs={document.expiresAtMs} />
      <nav aria-label="Exports" className="no-print flex flex-wrap items-center gap-3 text-sm">
        <a className="text-accent underline" href={`/r/${id}.csv${linkQuery}`}>
          CSV per tier
        </a>
        <a className="text-accent underline" href={`/r/${id}.csv${exportQuery('rows=executions')}`}>
          CSV per execution
        </a>
        <a className="text-accent underline" href={`/r/${id}.md${linkQuery}`}>
          Markdown
        </a>
        {signedIn ? (
          <a className="text-accent underline" href={`/api/reports/${id}`}>
            JSON
          </a>
        ) : null}
        <PrintButton />
        {signedIn && !query.has('compare') ? (
          <Link className="text-accent underline" href={`/r/${id}?compare=1`}>
            Compare with live
          </Link>
        ) : null}
      </nav>
      {signedIn && query.has('compare') ? (
        <Suspense fallback={<Skeleton />}>
          <CompareWithLive document={document} />
        </Suspense>
      ) : null}
      <SnapshotView document={document} />
      {canRevoke ? <RevokeButton id={id} /> : null}
      {canShare && publicLinksEnabled(env()) ? (
        <PublicLinkForm id={id} maxDays={MAX_PUBLIC_LINK_DAYS} />
      ) : null}
    </div>
  );
}
