import { getStore } from '@/lib/store/instance';
import { MAX_AUDIT_PAGE } from '@/lib/store';
import { auditCsv, listAuditLog } from '@/lib/audit/log';
import { auditFilterFrom } from '@/lib/audit/filter';

/** The filtered audit log as a CSV download, newest first, at most 1000 rows a file. */
export async function auditCsvResponse(request: Request): Promise<Response> {
  const filter = auditFilterFrom(new URL(request.url).searchParams);
  const rows = await listAuditLog(await getStore(), { ...filter, limit: MAX_AUDIT_PAGE });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(auditCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="tierwise-audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
