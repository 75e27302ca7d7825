import Link from 'next/link';
import { appChangeContext } from '@/lib/changes/app-context';
import { describeLimits } from '@/lib/changes/job-limits';
import { listChanges, type ChangeFilter } from '@/lib/changes/queries';
import { StateBadge } from './state-badge';
import { formatDateTimeUtc } from '@/lib/format';

export async function ChangeList({ filter }: { filter: ChangeFilter }) {
  const changes = await listChanges(await appChangeContext(), filter);
  if (changes.length === 0) {
    return <p className="text-sm text-muted">No change requests match these filters.</p>;
  }
  return (
    <table className="w-full text-sm">
      <thead className="text-left text-muted">
        <tr>
          <th className="py-1">Change</th>
          <th className="py-1">Job · tier</th>
          <th className="py-1">From → to</th>
          <th className="py-1">Requester</th>
          <th className="py-1">State</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.id} className="border-t border-border align-top">
            <td className="py-1">
              <Link href={`/changes/${change.id}`} className="text-accent underline">
                {formatDateTimeUtc(change.createdAt)}
              </Link>
            </td>
            <td className="py-1">
              {change.job} · {change.tier}
              <span className="block text-xs text-muted">
                {change.project} / {change.region}
              </span>
            </td>
            <td className="py-1">
              {describeLimits(change.limitsBefore)} → {describeLimits(change.limitsAfter)}
            </td>
            <td className="py-1">{change.requester}</td>
            <td className="py-1">
              <StateBadge state={change.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
