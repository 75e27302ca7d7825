import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AuditList } from '@/components/changes/audit-list';
import { Filters } from '@/components/changes/filters';
import { Skeleton } from '@/components/ui/skeleton';
import { requirePageRole } from '@/lib/auth/guard';
import { auditFilterFrom } from '@/lib/audit/filter';

export const metadata: Metadata = { title: 'Audit log — Tierwise' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageRole('view-reports');
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    if (typeof value === 'string' && value !== '') query.set(key, value);
  }
  const filter = auditFilterFrom(query);
  const csvQuery = new URLSearchParams(query);
  csvQuery.delete('before');
  return (
    <div className="grid gap-6">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <Filters
        action="/audit"
        fields={[
          { name: 'job', label: 'Job', value: filter.job ?? '' },
          {
            name: 'action',
            label: 'Action (or prefix such as change.)',
            value: filter.action ?? '',
          },
          { name: 'actor', label: 'Actor', value: filter.actor ?? '' },
          { name: 'change', label: 'Change id', value: filter.change ?? '' },
        ]}
      />
      <Link
        href={`/audit/csv?${csvQuery.toString()}`}
        prefetch={false}
        className="text-sm text-accent underline"
      >
        Download CSV
      </Link>
      <Suspense key={query.toString()} fallback={<Skeleton label="Reading the audit log…" />}>
        <AuditList filter={filter} query={query} />
      </Suspense>
    </div>
  );
}
