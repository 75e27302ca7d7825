import Link from 'next/link';
import { limitsText as show } from '@/components/report/recommendation-wording';
import type { ResourceLimits } from '@/lib/domain/records';
import type { SplitPlan } from '@/lib/store';

/** The jobs a split creates, each with its tier and limits, against the job being split. */
export function SplitPlanTable({
  plan,
  base,
  created,
}: {
  plan: SplitPlan;
  base: ResourceLimits;
  /** After applying, each new job links to its report. */
  created: boolean;
}) {
  return (
    <div className="grid gap-2">
      <p className="text-sm text-muted">
        Today every tier runs with {show(base)}. Routed by tier policy version {plan.policyVersion};
        applying creates these jobs and routes each tier to its own.
      </p>
      <table className="w-full text-sm tabular-nums" aria-label="Jobs the split creates">
        <thead className="text-left text-muted">
          <tr>
            <th className="py-1">Tier</th>
            <th className="py-1">New job</th>
            <th className="py-1">Limits</th>
          </tr>
        </thead>
        <tbody>
          {plan.tiers.map((item) => (
            <tr key={item.tier} data-split-tier={item.tier} className="border-t border-border">
              <td className="py-1">{item.tier}</td>
              <td className="py-1">
                {created ? (
                  <Link
                    href={`/jobs/${encodeURIComponent(item.jobName)}`}
                    className="text-accent underline"
                  >
                    {item.jobName}
                  </Link>
                ) : (
                  item.jobName
                )}
              </td>
              <td className="py-1">{show(item.limits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
