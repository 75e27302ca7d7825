/** Plain-words warnings whenever a report rests on partial data. */
import type { Reconciliation } from '../cost';
import { DAY_MS } from '../stats';
import type { JobReportInput } from './input';
import type { ReportWarning, TierReport } from './types';

export type PassFacts = {
  running: number;
  runningUsage: { vcpuSeconds: number; gibSeconds: number };
  clippedUsage: { vcpuSeconds: number; gibSeconds: number };
  straddling: number;
  estimatedUsd: number;
  unreadable: Map<string, number>;
  firstStartMs: number;
};

const percent = (part: number, whole: number) =>
  whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(part / whole < 0.1 ? 1 : 0)}%`;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function attributionWarnings(input: JobReportInput, tiers: readonly TierReport[]): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const executions = tiers.reduce((sum, t) => sum + t.executions, 0);
  const count = (pick: (t: TierReport) => number) => tiers.reduce((sum, t) => sum + pick(t), 0);
  const ambiguous = count((t) =>
    Math.max(t.attribution.cpu.counts.ambiguous, t.attribution.memory.counts.ambiguous),
  );
  if (ambiguous > 0) {
    warnings.push({
      kind: 'ambiguous-attribution',
      text: `${ambiguous} of ${executions} executions (${percent(ambiguous, executions)}) ran in the same minutes as another execution of the job, so their CPU and memory figures are upper bounds. Running each tier as its own job removes the overlap.`,
    });
  }
  const unread = [
    input.cpuPoints === undefined && 'CPU utilisation',
    input.memoryPoints === undefined && 'memory utilisation',
  ].filter(Boolean);
  if (unread.length > 0) {
    warnings.push({
      kind: 'missing-metrics',
      text: `${unread.join(' and ')} could not be read from Cloud Monitoring; utilisation, waste and verdicts are partial.`,
    });
  }
  const missing = count((t) =>
    Math.max(t.attribution.cpu.counts.missing, t.attribution.memory.counts.missing),
  );
  if (missing > 0 && unread.length === 0) {
    warnings.push({
      kind: 'missing-metrics',
      text: `${missing} of ${executions} executions (${percent(missing, executions)}) have no utilisation samples in their run window; they are costed but not in the utilisation figures or waste.`,
    });
  }
  return warnings;
}

function historyWarnings(
  input: JobReportInput,
  state: PassFacts,
  executions: number,
): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  if (executions === 0 && state.running === 0) {
    warnings.push({
      kind: 'no-executions',
      text: `No executions of ${input.job} started between ${day(input.window.startMs)} and ${day(input.window.endMs - 1)}.`,
    });
  }
  if (state.running > 0) {
    warnings.push({
      kind: 'running-excluded',
      text: `${state.running} execution(s) still running are left out of the figures until they finish.`,
    });
  }
  const reachedMs = input.listingStartMs ?? state.firstStartMs;
  if (executions > 0 && reachedMs - input.window.startMs > DAY_MS) {
    warnings.push({
      kind: 'short-history',
      text: `History starts on ${day(reachedMs)}, ${Math.floor((reachedMs - input.window.startMs) / DAY_MS)} day(s) after the window begins: the job may be newer, or Cloud Run no longer lists older executions (it keeps about 1,000 or 7 days).`,
    });
  }
  return warnings;
}

function dataWarnings(
  input: JobReportInput,
  state: PassFacts,
  tiers: readonly TierReport[],
  reconciliation: Reconciliation,
): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const unreadable = [...state.unreadable.values()].reduce((a, b) => a + b, 0);
  if (unreadable > 0) {
    const [top] = [...state.unreadable].sort((a, b) => b[1] - a[1]);
    warnings.push({
      kind: 'unreadable-payloads',
      text: `${unreadable} execution(s) have a JOB_PAYLOAD that could not be read and are costed as unclassified (most often: ${top?.[0] ?? 'unknown'}).`,
    });
  }
  const cost = tiers.reduce((sum, t) => sum + t.cost.costUsd, 0);
  if (state.estimatedUsd > 0) {
    const why =
      input.tasks === undefined
        ? 'tasks were not read'
        : 'retried tasks show only their last attempt';
    warnings.push({
      kind: 'estimated-attempts',
      text: `${percent(state.estimatedUsd, cost)} of the cost rests on estimated attempt times (${why}).`,
    });
  }
  if (reconciliation.status === 'differs' && reconciliation.differencePercent !== null) {
    warnings.push({
      kind: 'reconciliation',
      text: `The computed cost differs from the metered allocation_time by ${reconciliation.differencePercent.toFixed(1)}%: ${reconciliation.reasons.map((r) => r.text).join(' ')}`,
    });
  }
  const bad = input.dataWarnings ?? [];
  if (bad.length > 0) {
    const first = bad[0];
    warnings.push({
      kind: 'bad-data',
      text: `${bad.length} value(s) Google sent were unusable and left out (first: ${first?.field} of ${first?.resource} ${first?.problem}).`,
    });
  }
  return warnings;
}

export function collectWarnings(
  input: JobReportInput,
  state: PassFacts,
  tiers: readonly TierReport[],
  reconciliation: Reconciliation,
): ReportWarning[] {
  const executions = tiers.reduce((sum, t) => sum + t.executions, 0);
  return [
    ...historyWarnings(input, state, executions),
    ...attributionWarnings(input, tiers),
    ...dataWarnings(input, state, tiers, reconciliation),
  ];
}
