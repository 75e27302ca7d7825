import {
  diffTierPolicies,
  type TierField,
  type TierFieldValue,
} from '@/lib/domain/tier-policy-diff';
import type { TierPolicy } from '@/lib/domain/tiers';

const FIELD_NAMES: Record<TierField, string> = {
  position: 'Place in order',
  label: 'Name',
  maxClipCount: 'At most clips',
  maxTotalMb: 'Below MB',
  jobName: 'Served by job',
};

const STATUS_NAMES = { added: 'new tier', removed: 'removed', changed: 'changed' } as const;

function shown(field: TierField, value: TierFieldValue): string {
  if (value !== null) return String(value);
  return field === 'jobName' ? 'any job' : field === 'position' ? '—' : 'no limit';
}

/** Only what differs, one row per changed field; unchanged tiers are named below the table. */
export function PolicyDiff({
  before,
  after,
  label,
}: {
  before: TierPolicy;
  after: TierPolicy;
  label: string;
}) {
  const rows = diffTierPolicies(before, after);
  const changed = rows.filter((row) => row.status !== 'unchanged');
  const unchanged = rows.filter((row) => row.status === 'unchanged');
  if (changed.length === 0) {
    return <p className="text-sm text-muted">Identical to the version in force.</p>;
  }
  return (
    <div className="grid gap-1">
      <table className="w-full text-sm tabular-nums" aria-label={label}>
        <thead className="text-left text-muted">
          <tr>
            <th className="py-1">Tier</th>
            <th className="py-1">What changes</th>
            <th className="py-1">In force</th>
            <th className="py-1">Proposed</th>
          </tr>
        </thead>
        <tbody>
          {changed.flatMap((row) =>
            row.changes.map((change, index) => (
              <tr
                key={`${row.id}-${change.field}`}
                className={index === 0 ? 'border-t border-border' : ''}
              >
                <td className="py-1">
                  {index === 0 ? (
                    <>
                      {row.label}{' '}
                      <span className="text-xs text-muted">
                        ({row.id}, {STATUS_NAMES[row.status as keyof typeof STATUS_NAMES]})
                      </span>
                    </>
                  ) : null}
                </td>
                <td className="py-1">{FIELD_NAMES[change.field]}</td>
                <td className="py-1">{shown(change.field, change.before)}</td>
                <td className="py-1 font-medium text-accent">
                  {shown(change.field, change.after)}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {unchanged.length > 0 ? (
        <p className="text-xs text-muted">
          Unchanged: {unchanged.map((row) => row.label).join(', ')}.
        </p>
      ) : null}
    </div>
  );
}
