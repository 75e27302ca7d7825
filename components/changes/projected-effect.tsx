import type { ProjectedPoint } from '@/lib/changes/evidence';
import { formatMemory, formatPercent, formatSeconds, formatUsd } from '@/lib/format';

/** The engine's projection for the vCPU being typed, as the user edits; never computed here. */
export function ProjectedEffect({
  points,
  vcpu,
}: {
  points: readonly ProjectedPoint[];
  vcpu: number | null;
}) {
  const point = vcpu === null ? undefined : points.find((candidate) => candidate.vcpu === vcpu);
  return (
    <section
      aria-live="polite"
      aria-label="Projected effect"
      className="rounded border border-border p-3 text-sm"
    >
      <h3 className="mb-2 font-medium">Projected effect</h3>
      {points.length === 0 ? (
        <p className="text-muted">
          No projection for this tier yet: the recommendation needs more finished executions.
        </p>
      ) : !point ? (
        <p className="text-muted">No projection at {vcpu ?? '?'} vCPU; pick 1, 2, 4, 6 or 8.</p>
      ) : (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 tabular-nums">
          <dt className="text-muted">Monthly cost</dt>
          <dd>{formatUsd(point.monthlyCostUsd)}</dd>
          <dt className="text-muted">p95 duration</dt>
          <dd>{formatSeconds(point.p95Seconds)}</dd>
          <dt className="text-muted">OOM risk</dt>
          <dd>
            {formatPercent(point.oomProbability)} at {formatMemory(point.memoryBytes)}
          </dd>
          <dt className="text-muted">Timeout risk</dt>
          <dd>{formatPercent(point.timeoutProbability)}</dd>
        </dl>
      )}
    </section>
  );
}
