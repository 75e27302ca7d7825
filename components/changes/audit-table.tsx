import { noteOf, proposedText, type AuditRow } from '@/lib/audit/log';
import { describeLimits } from '@/lib/changes/job-limits';
import { formatDateTimeUtc } from '@/lib/format';

export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted">No entries match.</p>;
  const withChange = rows.some((row) => row.change !== null);
  return (
    <table className="w-full text-sm" aria-label="Audit log">
      <thead className="text-left text-muted">
        <tr>
          <th className="py-1 pr-3">Time (UTC)</th>
          <th className="py-1 pr-3">Actor</th>
          <th className="py-1 pr-3">Action</th>
          {withChange ? <th className="py-1 pr-3">Job · change</th> : null}
          <th className="py-1">Note</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ entry, change }) => (
          <tr key={entry.id} className="border-t border-border align-top">
            <td className="whitespace-nowrap py-1 pr-3 tabular-nums">
              {formatDateTimeUtc(entry.at)}
            </td>
            <td className="py-1 pr-3 break-all">{entry.actor}</td>
            <td className="whitespace-nowrap py-1 pr-3">{entry.action}</td>
            {withChange ? (
              <td className="py-1 pr-3">
                {change ? (
                  <>
                    {change.job} · {change.plan ? 'one job per tier' : change.tier}
                    <div className="text-xs text-muted">
                      {change.plan
                        ? proposedText(change)
                        : `${describeLimits(change.limitsBefore)} → ${proposedText(change)}`}
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
