'use client';

import { useEffect, useState } from 'react';
import type { ProjectedEffectPoint } from '@/lib/changes/evidence';
import {
  projectionQuery,
  type ProjectionResult,
  type ProjectionView,
} from '@/lib/changes/projection-query';
import { parseCpuQuantity, parseMemoryQuantity } from '@/lib/domain/quantities';
import type { Confidence } from '@/lib/domain/recommend';
import { formatLimits, formatSeconds, formatUsd } from '@/lib/format';
import {
  budgetText,
  confidenceText,
  failedText,
  riskRange,
  verdictText,
} from './projected-failures';

export type LimitValues = {
  readonly cpu: string;
  readonly memory: string;
  readonly timeoutSeconds: string;
  readonly maxRetries: string;
};

const WAIT_MS = 250;

function parsed(values: LimitValues) {
  try {
    return {
      vcpu: parseCpuQuantity(values.cpu),
      memoryBytes: parseMemoryQuantity(values.memory),
      timeoutSeconds: Number(values.timeoutSeconds),
      maxRetries: Number(values.maxRetries),
    };
  } catch {
    return null;
  }
}

/** True when the projection is for exactly the limits in the form. */
function describes(point: ProjectedEffectPoint | null | undefined, values: LimitValues): boolean {
  const limits = parsed(values);
  return (
    !!point &&
    !!limits &&
    point.vcpu === limits.vcpu &&
    point.memoryBytes === limits.memoryBytes &&
    point.timeoutSeconds === limits.timeoutSeconds &&
    point.maxRetries === limits.maxRetries
  );
}

/**
 * The engine's projection for exactly the limits in the form: the server works it out from the same
 * reading and models as the report, after each edit; figures for other limits are never shown.
 */
export function ProjectedEffect({
  job,
  view,
  tier,
  values,
  initial,
  confidence,
}: {
  job: string;
  view: ProjectionView;
  tier: string;
  values: LimitValues;
  initial: ProjectedEffectPoint | null | undefined;
  /** The tier recommendation's confidence and why: the projection uses the same models. */
  confidence?: { readonly level: Confidence; readonly reasons: readonly string[] } | null;
}) {
  const key = JSON.stringify([tier, values]);
  const known = describes(initial, values);
  const [answer, setAnswer] = useState<{ key: string; result: ProjectionResult } | null>(null);
  useEffect(() => {
    if (known) return;
    let current = true;
    const timer = setTimeout(() => {
      const url = `/jobs/${encodeURIComponent(job)}/changes/new/projection?${projectionQuery(view, tier, values)}`;
      fetch(url, { headers: { accept: 'application/json' } })
        .then((response) => response.json() as Promise<ProjectionResult>)
        .then(
          (result) => current && setAnswer({ key, result }),
          (error: unknown) =>
            current &&
            setAnswer({
              key,
              result: { ok: false, status: 409, error: `No projection: ${String(error)}` },
            }),
        );
    }, WAIT_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` stands for tier and values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, known, job, view.days, view.objective]);

  const result: ProjectionResult | null = known
    ? { ok: true, value: initial ?? null }
    : answer?.key === key
      ? answer.result
      : null;
  return (
    <section
      aria-live="polite"
      aria-busy={result === null}
      aria-label="Projected effect"
      data-testid="projected-effect"
      className="rounded border border-border p-3 text-sm"
    >
      <h3 className="mb-2 font-medium">Projected effect</h3>
      <ProjectionBody result={result} tier={tier} />
      {confidence && result?.ok && result.value ? (
        <p className="mt-2 text-muted" data-testid="projected-confidence">
          {confidenceText(confidence.level, confidence.reasons)}
        </p>
      ) : null}
    </section>
  );
}

function ProjectionBody({ result, tier }: { result: ProjectionResult | null; tier: string }) {
  if (result === null) return <p className="text-muted">Working out the effect of these limits…</p>;
  if (!result.ok) return <p className="text-danger">{result.error}</p>;
  const point = result.value;
  if (!point) {
    return (
      <p className="text-muted">
        {tier === 'all'
          ? 'No projection for all tiers at once: pick a tier to see its effect.'
          : 'No projection for this tier yet: it has no finished executions to model.'}
      </p>
    );
  }
  return (
    <>
      <p className="mb-2" data-testid="projected-limits">
        At {formatLimits(point)}
      </p>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 tabular-nums">
        <dt className="text-muted">Monthly cost</dt>
        <dd data-testid="projected-cost">{formatUsd(point.monthlyCostUsd)}</dd>
        <dt className="text-muted">p95 duration</dt>
        <dd>{formatSeconds(point.p95Seconds)}</dd>
        <dt className="text-muted">OOM risk</dt>
        <dd data-testid="projected-oom">
          {riskRange(point.oomProbability, point.failures.oomProbabilityHigh)}
        </dd>
        <dt className="text-muted">Timeout risk</dt>
        <dd data-testid="projected-timeout">
          {riskRange(point.timeoutProbability, point.failures.timeoutProbabilityHigh)}
        </dd>
        <dt className="text-muted">Errors after retries</dt>
        <dd>{riskRange(point.failures.errorProbability, point.failures.errorProbability)}</dd>
        <dt className="text-muted">Failed executions</dt>
        <dd data-testid="projected-failures">{failedText(point)}</dd>
        <dt className="text-muted">Failure budget</dt>
        <dd data-testid="failure-budget">{budgetText(point)}</dd>
      </dl>
      <p
        className={point.failures.withinBudget ? 'mt-2' : 'mt-2 text-danger'}
        data-testid="budget-verdict"
      >
        {verdictText(point)}
      </p>
    </>
  );
}
