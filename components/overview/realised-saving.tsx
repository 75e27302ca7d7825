import Link from 'next/link';
import { realisedSavings } from '@/lib/changes/verify/applied';
import { readAppliedChanges } from '@/lib/changes/verify/app-applied';
import { formatCount, formatDateTimeUtc, formatUsd } from '@/lib/format';
import { VERDICT_WORDS } from '@/components/report/change-markers';

/** Where the sum comes from: every applied change, what it realised or that it is too early. */
function Sources({ savings }: { savings: ReturnType<typeof realisedSavings> }) {
  const rows = [...savings.counted, ...savings.tooEarly];
  if (rows.length === 0) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-accent">
        {formatCount(savings.counted.length)} measured
        {savings.tooEarly.length > 0 ? `, ${formatCount(savings.tooEarly.length)} too early` : ''}
      </summary>
      <ul className="mt-1 grid gap-1">
        {rows.map((change) => (
          <li key={change.id}>
            <Link href={`/changes/${change.id}`} className="text-accent underline">
              {change.job} · {change.tier === 'all' ? 'every tier' : change.tier}
            </Link>{' '}
            applied {formatDateTimeUtc(change.appliedAtMs)} UTC: {VERDICT_WORDS[change.verdict]}
            {change.verdict === 'too-early'
              ? ` (${formatCount(change.executionsNeeded)} more executions needed; not counted)`
              : change.realisedSavingUsd
                ? `, ${formatUsd(change.realisedSavingUsd.value)}/mo realised`
                : ', nothing measurable yet'}
            {change.verdict !== 'too-early' && change.projectedSavingUsd !== null
              ? ` of ${formatUsd(change.projectedSavingUsd)}/mo projected`
              : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** "Realised saving since changes applied": measured per month, beside what was projected. */
export async function RealisedSaving() {
  let savings: ReturnType<typeof realisedSavings>;
  try {
    savings = realisedSavings(await readAppliedChanges());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return (
      <div data-testid="realised-saving">
        <div className="text-xs uppercase tracking-wide text-muted">Realised saving</div>
        <p className="text-sm text-warning">The applied changes could not be read: {message}</p>
      </div>
    );
  }
  const realised = savings.realisedSavingUsd;
  const note =
    savings.counted.length + savings.tooEarly.length === 0
      ? 'no change applied yet'
      : realised
        ? `[${formatUsd(realised.low)} – ${formatUsd(realised.high)}]/mo, 95 % bounds added; projected ${
            savings.projectedSavingUsd === null
              ? '—'
              : `${formatUsd(savings.projectedSavingUsd)}/mo`
          }`
        : 'too early to tell for every change';
  return (
    <div data-testid="realised-saving">
      <div className="text-xs uppercase tracking-wide text-muted">
        Realised saving since changes applied
      </div>
      <div className="text-2xl font-semibold tabular-nums">
        {realised ? `${formatUsd(realised.value)}/mo` : '—'}
      </div>
      <div className="text-xs text-muted">{note}</div>
      <Sources savings={savings} />
    </div>
  );
}
