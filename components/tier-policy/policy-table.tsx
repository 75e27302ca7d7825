import { describeTierBounds, type TierPolicy } from '@/lib/domain/tiers';

/** The tiers in first-match order with their bounds and the job that serves each. */
export function PolicyTable({ policy, label }: { policy: TierPolicy; label: string }) {
  return (
    <table className="w-full text-sm tabular-nums" aria-label={label}>
      <thead className="text-left text-muted">
        <tr>
          <th className="py-1">#</th>
          <th className="py-1">Tier</th>
          <th className="py-1">Takes</th>
          <th className="py-1">Served by job</th>
        </tr>
      </thead>
      <tbody>
        {policy.tiers.map((tier, index) => (
          <tr key={tier.id} className="border-t border-border" data-tier={tier.id}>
            <td className="py-1">{index + 1}</td>
            <td className="py-1">
              {tier.label} <span className="text-xs text-muted">({tier.id})</span>
            </td>
            <td className="py-1">{describeTierBounds(tier)}</td>
            <td className="py-1">{tier.jobName ?? <span className="text-muted">any job</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
