import Link from 'next/link';
import type { TierReport } from '@/lib/domain/report/types';
import { formatCount, formatUsd } from '@/lib/format';
import {
  budgetText,
  confidenceText,
  durationText,
  failuresText,
  headline,
  limitsText,
  riskText,
} from './recommendation-wording';

const CONFIDENCE_TONE = {
  high: 'text-ok',
  medium: 'text-foreground',
  low: 'text-warning',
  'not-enough-data': 'text-muted',
} as const;

/** current → recommended limits for one tier, with the projected effect and the evidence. */
export function RecommendationCard({
  tier,
  proposeHref,
}: {
  tier: TierReport;
  proposeHref?: string;
}) {
  const rec = tier.recommendation;
  if (!rec) {
    return (
      <article className="rounded-lg border border-border p-4" data-tier={tier.id}>
        <h3 className="font-medium">{tier.label}</h3>
        <p className="mt-2 text-sm text-muted">
          No recommendation yet: this tier has no executions in the window and its limits are
          unknown.
        </p>
      </article>
    );
  }
  const actionable = rec.changed && rec.confidence !== 'not-enough-data';
  const budget = budgetText(rec);
  const failures = failuresText(rec);
  return (
    <article
      className="rounded-lg border border-border p-4"
      data-tier={tier.id}
      aria-labelledby={`rec-${tier.id}`}
    >
      <h3 id={`rec-${tier.id}`} className="font-medium">
        {tier.label} <span className="text-sm font-normal text-muted">({tier.bounds})</span>
      </h3>
      <p className="mt-2 font-medium">{headline(rec)}</p>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm tabular-nums sm:grid-cols-[auto_1fr]">
        <dt className="text-muted">Today</dt>
        <dd>{limitsText(rec.current)}</dd>
        <dt className="text-muted">Recommended</dt>
        <dd>{limitsText(rec.recommended)}</dd>
        <dt className="text-muted">Monthly cost</dt>
        <dd>
          {formatUsd(rec.projectedCurrent.monthlyCostUsd)} →{' '}
          {formatUsd(rec.projected.monthlyCostUsd)} at {formatCount(rec.executionsPerMonth)}{' '}
          executions a month
        </dd>
        <dt className="text-muted">Duration</dt>
        <dd>{durationText(rec)}</dd>
        <dt className="text-muted">Risk</dt>
        <dd>{riskText(rec)}</dd>
        {budget ? (
          <>
            <dt className="text-muted">Failure budget</dt>
            <dd>{budget}</dd>
          </>
        ) : null}
        {failures ? (
          <>
            <dt className="text-muted">Failures</dt>
            <dd className={rec.projected.withinBudget ? undefined : 'text-warning'}>{failures}</dd>
          </>
        ) : null}
        <dt className="text-muted">Confidence</dt>
        <dd className={CONFIDENCE_TONE[rec.confidence]}>{confidenceText(rec)}</dd>
      </dl>
      <h4 className="mt-3 text-sm font-medium">Evidence</h4>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
        {rec.evidence.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {actionable && proposeHref ? (
        <Link
          href={proposeHref}
          className="no-print mt-3 inline-block text-sm text-accent underline"
        >
          Propose these limits for review
        </Link>
      ) : null}
    </article>
  );
}
