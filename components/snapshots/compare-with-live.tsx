import { compareWithLive, describeComparison } from '@/lib/snapshots/compare';
import type { SnapshotDocument } from '@/lib/snapshots/document';
import { appLiveReportReader } from '@/lib/snapshots/live';

async function comparisonText(document: SnapshotDocument): Promise<{ ok: boolean; text: string }> {
  const { inputs } = document.report;
  try {
    const live = await appLiveReportReader()({
      job: inputs.job,
      project: inputs.project,
      region: inputs.region,
      window: { days: inputs.window.days },
      priceBook: inputs.priceBook.id,
      policy: inputs.policy,
      objective: inputs.objective,
      nowMs: Date.now(),
    });
    const comparison = compareWithLive(document.report, live.report, live.records.executions);
    const asOf = comparison.liveAsOfIso.slice(0, 16).replace('T', ' ');
    return { ok: true, text: `${describeComparison(comparison)} (live as of ${asOf} UTC)` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, text: `The live report could not be read: ${message}` };
  }
}

/** Reads the same report live (same window length ending now, same tier policy, price book and objective). */
export async function CompareWithLive({ document }: { document: SnapshotDocument }) {
  const { ok, text } = await comparisonText(document);
  return (
    <p
      className={`text-sm ${ok ? '' : 'text-danger'}`}
      data-testid="live-comparison"
      aria-live="polite"
    >
      {text}
    </p>
  );
}
