import { noteOf, type AuditRow } from '@/lib/changes/audit-log';
import { describeLimits } from '@/lib/changes/job-limits';

export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted">No entries match.</p>;
  const withChange = rows.some((row) => row.change !== null);
  return (
    <table className="w-full text-sm" aria-label="Audit log">
      <thead className="text-left text-muted">
        <tr>
          <th className="py-1">Time (UTC)</th>
          <th className="py-1">Actor</th>
          <th className="py-1">Action</th>
          {withChange ? <th className="py-1">Job · change</th> : null}
          <th className="py-1">Note</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ entry, change }) => (
          <tr key={entry.id} className="border-t border-border align-top">
            <td className="py-1 tabular-nums">
              {new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19)}
            </td>
            <td className="py-1">{entry.actor}</td>
            <td className="py-1">{entry.action}</td>
            {withChange ? (
              <td className="py-1">
                {change ? (
                  <>
                    {change.job} · {change.tier}
                    <div className="text-xs text-muted">
                      {describeLimits(change.limitsBefore)} → {describeLimits(change.limitsAfter)}
                    </div>
                  </>
                ) : (
                  entry.target
                )}
              </td>
            ) : null}
            <td className="py-1">{noteOf(entry.details)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
