import Link from 'next/link';
import { appChangeContext } from '@/lib/changes/app-context';
import { listAuditLog, type AuditFilter } from '@/lib/audit/log';
import { AuditTable } from './audit-table';

export const AUDIT_PAGE_SIZE = 100;

export async function AuditList({
  filter,
  query,
}: {
  filter: AuditFilter;
  query: URLSearchParams;
}) {
  const { store } = await appChangeContext();
  const rows = await listAuditLog(store, { ...filter, limit: AUDIT_PAGE_SIZE });
  const last = rows.at(-1);
  const next = new URLSearchParams(query);
  if (last) next.set('before', String(last.entry.id));
  return (
    <div className="grid gap-2">
      <AuditTable rows={rows} />
      {rows.length === AUDIT_PAGE_SIZE ? (
        <Link href={`/audit?${next.toString()}`} className="text-sm text-accent underline">
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
