import type { AuditFilter } from '@/lib/audit/log';

/** The audit page's and the CSV export's filters, read from the same URL query. */
export function auditFilterFrom(query: URLSearchParams): AuditFilter {
  const text = (name: string) => {
    const value = query.get(name)?.trim();
    return value ? value.slice(0, 200) : undefined;
  };
  const before = Number(query.get('before'));
  return {
    ...(text('job') && { job: text('job') }),
    ...(text('action') && { action: text('action') }),
    ...(text('actor') && { actor: text('actor') }),
    ...(text('change') && { change: text('change') }),
    ...(Number.isInteger(before) && before > 0 && { before }),
  };
}
