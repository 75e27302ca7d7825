/**
 * The per-minute CPU and memory a report reads from Monitoring, and the per-execution metrics a job
 * logs itself. Built live, a report reads them for the whole window (from a day earlier, for the
 * executions it overlaps). Built from the ledger, whose syncs attribute every execution once its
 * minutes have settled, it reads only from the first minute of the earliest finished execution of
 * the window the ledger has not attributed yet — and nothing at all when every one is.
 */
import type { ExecutionAttribution } from '@/lib/domain/attribution';
import type { ExecutionRecord, ExecutionUsage, UtilisationSeries } from '@/lib/domain/records';
import { readExecutionMetrics, readUtilisation, type GcpClients, type Listing } from '@/lib/gcp';
import type { ReportExecutions } from './report-executions';

const MINUTE_MS = 60_000;

type Ref = { readonly project: string; readonly region: string; readonly job: string };
type Window = { readonly startMs: number; readonly endMs: number };

/** A read that fails leaves its figures out with a warning (`optional` in report.ts). */
export type OptionalRead = <T>(read: () => Promise<T>, what: string) => Promise<T | undefined>;

export type UsageListings = {
  /** False when every finished execution of the window had stored figures: nothing was read. */
  readonly readLive: boolean;
  readonly cpu?: Listing<UtilisationSeries>;
  readonly memory?: Listing<UtilisationSeries>;
  readonly usage?: Listing<ExecutionUsage>;
};

function reportedIn(execution: ExecutionRecord, window: Window): boolean {
  const at = execution.startMs ?? execution.createMs;
  return at >= window.startMs && at < window.endMs;
}

/**
 * Where the live read must start: one period before the first sample minute of the earliest
 * finished execution of the window without stored figures; undefined when there is none.
 */
export function liveUsageFromMs(
  executions: readonly ExecutionRecord[],
  attributed: ReadonlyMap<string, ExecutionAttribution>,
  window: Window,
): number | undefined {
  let firstMs = Number.POSITIVE_INFINITY;
  for (const execution of executions) {
    if (execution.status === 'running' || attributed.has(execution.id)) continue;
    if (!reportedIn(execution, window)) continue;
    firstMs = Math.min(firstMs, execution.startMs ?? execution.createMs);
  }
  if (!Number.isFinite(firstMs)) return undefined;
  return Math.floor(firstMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
}

/** Some stored figure of the window came from the job's own per-execution metrics. */
export function storedExact(
  read: Pick<ReportExecutions, 'executions' | 'attributed'>,
  window: Window,
): boolean {
  const attributed = read.attributed;
  if (!attributed) return false;
  return read.executions.some((e) => {
    const a = attributed.get(e.id);
    return (
      a !== undefined &&
      reportedIn(e, window) &&
      (a.cpuSource === 'exact' || a.memorySource === 'exact')
    );
  });
}

/** Stored figures, none of them from the job's own metrics, before a job counts as logging none. */
const WITHOUT_OWN_METRICS_AFTER = 10;

/**
 * The ledger attributed enough of the job's executions (window and lookback) and not one from the
 * job's own per-execution metrics: the job does not log them, and the live read of its last
 * minutes leaves them out instead of asking Monitoring for two empty answers. A job that starts
 * logging them has its newest executions attributed from them at the next sync.
 */
function logsNoOwnMetrics(read: Pick<ReportExecutions, 'executions' | 'attributed'>): boolean {
  const attributed = read.attributed;
  if (!attributed || attributed.size < WITHOUT_OWN_METRICS_AFTER) return false;
  for (const a of attributed.values()) {
    if (a.cpuSource === 'exact' || a.memorySource === 'exact') return false;
  }
  return true;
}

/**
 * Reads CPU, memory and per-execution usage for the report. `lookbackFromMs` is where a live read
 * of the utilisation series starts: executions started before the window still share its minutes.
 */
export async function readUsageListings(
  clients: GcpClients,
  ref: Ref,
  read: Pick<ReportExecutions, 'executions' | 'attributed'>,
  window: Window & { readonly lookbackFromMs: number },
  optional: OptionalRead,
): Promise<UsageListings> {
  const fromMs = read.attributed
    ? liveUsageFromMs(read.executions, read.attributed, window)
    : window.lookbackFromMs;
  if (fromMs === undefined) return { readLive: false };
  const monitoring = {
    ...ref,
    startMs: Math.max(fromMs, window.lookbackFromMs),
    endMs: window.endMs,
  };
  const [cpu, memory, usage] = await Promise.all([
    optional(() => readUtilisation(clients, { ...monitoring, resource: 'cpu' }), 'CPU utilisation'),
    optional(
      () => readUtilisation(clients, { ...monitoring, resource: 'memory' }),
      'memory utilisation',
    ),
    logsNoOwnMetrics(read)
      ? undefined
      : optional(
          () =>
            readExecutionMetrics(clients, {
              ...ref,
              startMs: Math.max(fromMs, window.startMs),
              endMs: window.endMs,
            }),
          'per-execution metrics',
        ),
  ]);
  return { readLive: true, cpu, memory, usage };
}
