import { describeMemory } from '@/lib/domain/limits';
import { formatSeconds } from '@/lib/format';
import type { ResourceLimits } from '@/lib/domain/records';

const ROWS: readonly [string, (limits: ResourceLimits) => string][] = [
  ['CPU', (limits) => `${limits.vcpu} vCPU`],
  ['Memory', (limits) => describeMemory(limits.memoryBytes)],
  ['Task timeout', (limits) => formatSeconds(limits.timeoutSeconds)],
  ['Max retries', (limits) => String(limits.maxRetries)],
];

/** Before and after side by side; changed rows stand out. */
export function LimitsDiff({
  before,
  after,
  now,
}: {
  before: ResourceLimits;
  after: ResourceLimits;
  now?: ResourceLimits | null;
}) {
  return (
    <table className="w-full text-sm tabular-nums" aria-label="Limits before and after">
      <thead className="text-left text-muted">
        <tr>
          <th className="py-1">Limit</th>
          <th className="py-1">Proposed against</th>
          <th className="py-1">Proposed</th>
          {now ? <th className="py-1">Job now</th> : null}
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, show]) => {
          const changed = show(before) !== show(after);
          return (
            <tr key={label} className={`border-t border-border ${changed ? 'font-medium' : ''}`}>
              <td className="py-1">{label}</td>
              <td className="py-1">{show(before)}</td>
              <td className={`py-1 ${changed ? 'text-accent' : ''}`}>{show(after)}</td>
              {now ? <td className="py-1">{show(now)}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
