import { StateBadge } from '@/components/changes/state-badge';
import type { TierPolicyProposal } from '@/lib/store/tier-policies';
import { utcMinute } from './when';

/** Every version ever proposed, newest first, with who decided what, when and why. */
export function HistoryTable({
  versions,
  inForceId,
}: {
  versions: readonly TierPolicyProposal[];
  inForceId: string | null;
}) {
  if (versions.length === 0) {
    return (
      <p className="text-sm text-muted">
        No tier policy has been proposed yet; reports use the built-in default.
      </p>
    );
  }
  return (
    <table className="w-full text-sm" aria-label="Tier policy history">
      <thead className="text-left text-muted">
        <tr>
          <th className="py-1">Version</th>
          <th className="py-1">State</th>
          <th className="py-1">Proposed</th>
          <th className="py-1">Reason</th>
          <th className="py-1">Decided</th>
          <th className="py-1">Comment</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr
            key={version.id}
            className="border-t border-border align-top"
            data-version={version.id}
          >
            <td className="py-1 tabular-nums">
              {version.approvedVersion ?? '—'}
              {version.id === inForceId ? (
                <span className="ml-1 text-xs text-ok">in force</span>
              ) : null}
            </td>
            <td className="py-1">
              <StateBadge state={version.state} />
            </td>
            <td className="py-1">
              {version.requester}
              <div className="text-xs text-muted tabular-nums">{utcMinute(version.createdAt)}</div>
            </td>
            <td className="py-1">{version.reason}</td>
            <td className="py-1">
              {version.decidedBy ?? <span className="text-muted">awaiting review</span>}
              {version.decidedAt !== null ? (
                <div className="text-xs text-muted tabular-nums">
                  {utcMinute(version.decidedAt)}
                </div>
              ) : null}
            </td>
            <td className="py-1">{version.decisionComment ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
