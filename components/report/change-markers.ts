/** Applied changes as markers on the cost-per-day chart: one per UTC day a change was applied. */
import type { AppliedChangeSummary } from '@/lib/changes/verify/applied';
import type { Verdict } from '@/lib/domain/verify';
import { formatCount } from '@/lib/format';

export const VERDICT_WORDS: Record<Verdict, string> = {
  'as-projected': 'as projected',
  better: 'better than projected',
  worse: 'worse than projected',
  'too-early': 'too early to tell',
};

export interface ChangeMarker {
  /** The chart's x value: the UTC day of the apply, as the cost-per-day rows name it. */
  readonly day: string;
  /** Short, drawn beside the line. */
  readonly label: string;
  readonly href: string;
  readonly tone: 'ok' | 'danger' | 'muted';
  readonly changes: readonly { id: string; text: string; href: string }[];
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function toneOf(verdict: Verdict): ChangeMarker['tone'] {
  if (verdict === 'worse') return 'danger';
  return verdict === 'too-early' ? 'muted' : 'ok';
}

function describe(change: AppliedChangeSummary): string {
  const tier = change.tier === 'all' ? 'every tier' : `tier ${change.tier}`;
  const needs =
    change.verdict === 'too-early' && change.executionsNeeded > 0
      ? ` (${formatCount(change.executionsNeeded)} more executions needed)`
      : '';
  return `Change ${change.id}, ${tier}: ${VERDICT_WORDS[change.verdict]}${needs}`;
}

/** Markers for the days the chart shows, oldest first; several changes on a day share one. */
export function changeMarkers(
  days: readonly string[],
  changes: readonly AppliedChangeSummary[],
): ChangeMarker[] {
  const shown = new Set(days);
  const byDay = new Map<string, AppliedChangeSummary[]>();
  for (const change of [...changes].sort((a, b) => a.appliedAtMs - b.appliedAtMs)) {
    const day = utcDay(change.appliedAtMs);
    if (!shown.has(day)) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), change]);
  }
  return [...byDay.entries()].map(([day, onDay]) => {
    const last = onDay[onDay.length - 1]!;
    const worst = onDay.find((each) => each.verdict === 'worse') ?? last;
    return {
      day,
      label:
        onDay.length === 1
          ? `Change ${last.id.slice(0, 6)}: ${VERDICT_WORDS[last.verdict]}`
          : `${onDay.length} changes: ${VERDICT_WORDS[worst.verdict]}`,
      href: `/changes/${worst.id}`,
      tone: toneOf(worst.verdict),
      changes: onDay.map((each) => ({
        id: each.id,
        text: describe(each),
        href: `/changes/${each.id}`,
      })),
    };
  });
}
