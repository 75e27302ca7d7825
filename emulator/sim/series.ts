import type { SimPoint, SimSeries } from '../world/types';
import {
  CPU_SECONDS_BUCKETS,
  MEMORY_BYTES_BUCKETS,
  UTILIZATION_BUCKETS,
  distributionOf,
  type Buckets,
} from './distribution';
import { METRIC, METRIC_SHAPES } from './metric-types';
import { busySeconds, peakMemory } from './physics';
import type { PlannedAttempt } from './plan';
import { GIB } from './quantities';
import { executionFailed, type PlannedExecution } from './view';

export { METRIC, METRIC_TYPES } from './metric-types';

const MINUTE_MS = 60_000;

export interface SeriesContext {
  readonly project: string;
  readonly region: string;
  readonly jobIds: readonly string[];
  /** Jobs that write the log-based per-execution metrics. */
  readonly perExecutionMetrics: ReadonlySet<string>;
  /** Bucket layout of the utilisation distributions; exponential by default. */
  readonly utilisationBuckets?: Buckets;
}

/** Everything one job reports for one minute [m, m + 60 s). */
interface Minute {
  cpuUtil: number[];
  memUtil: number[];
  vcpuSeconds: number;
  gibSeconds: number;
  instanceSeconds: number;
  executions: { succeeded: number; failed: number };
  attempts: { succeeded: number; failed: number };
  running: number;
}

const newMinute = (): Minute => ({
  cpuUtil: [],
  memUtil: [],
  vcpuSeconds: 0,
  gibSeconds: 0,
  instanceSeconds: 0,
  executions: { succeeded: 0, failed: 0 },
  attempts: { succeeded: 0, failed: 0 },
  running: 0,
});

/** The minute whose DELTA interval (m, m + 60 s] holds an event at `ms`. */
const eventMinute = (ms: number) => Math.ceil(ms / MINUTE_MS) - 1;

class JobMinutes {
  readonly minutes = new Map<number, Minute>();
  constructor(readonly lastMinute: number) {}

  at(minute: number): Minute | undefined {
    if (minute > this.lastMinute) return undefined;
    let entry = this.minutes.get(minute);
    if (!entry) this.minutes.set(minute, (entry = newMinute()));
    return entry;
  }
}

/** An instance is allocated every container's limits: the main one's and its sidecars'. */
function billedLimits(planned: PlannedExecution): { vcpu: number; memoryBytes: number } {
  const { vcpu, memoryBytes, sidecarVcpu = 0, sidecarMemoryBytes = 0 } = planned.limits;
  return { vcpu: vcpu + sidecarVcpu, memoryBytes: memoryBytes + sidecarMemoryBytes };
}

/** The instance's start before the attempt: allocated and billed, with no utilisation sample. */
function addInstanceStart(
  job: JobMinutes,
  planned: PlannedExecution,
  attempt: PlannedAttempt,
  nowMs: number,
) {
  const startMs = attempt.startMs - planned.physics.instanceStartSeconds * 1000;
  const endMs = Math.min(attempt.startMs, nowMs);
  const { vcpu, memoryBytes } = billedLimits(planned);
  for (let m = Math.floor(startMs / MINUTE_MS); m * MINUTE_MS < endMs; m += 1) {
    const seconds =
      (Math.min(endMs, (m + 1) * MINUTE_MS) - Math.max(startMs, m * MINUTE_MS)) / 1000;
    const minute = seconds > 0 ? job.at(m) : undefined;
    if (!minute) continue;
    minute.vcpuSeconds += vcpu * seconds;
    minute.gibSeconds += (memoryBytes / GIB) * seconds;
    minute.instanceSeconds += seconds;
  }
}

/** One instance's samples for each minute it ran in, as Cloud Run's agent reports them. */
function addAttempt(
  job: JobMinutes,
  planned: PlannedExecution,
  attempt: PlannedAttempt,
  nowMs: number,
) {
  const endMs = Math.min(attempt.endMs, nowMs);
  const { vcpu, memoryBytes } = planned.limits;
  const billed = billedLimits(planned);
  for (let m = Math.floor(attempt.startMs / MINUTE_MS); m * MINUTE_MS < endMs; m += 1) {
    const from = Math.max(attempt.startMs, m * MINUTE_MS);
    const to = Math.min(endMs, (m + 1) * MINUTE_MS);
    const seconds = (to - from) / 1000;
    const minute = seconds > 0 ? job.at(m) : undefined;
    if (!minute) continue;
    const relFrom = (from - attempt.startMs) / 1000;
    const relTo = (to - attempt.startMs) / 1000;
    minute.cpuUtil.push(
      Math.min(1, busySeconds(attempt.result.profile, relFrom, relTo) / (vcpu * seconds)),
    );
    const killed = attempt.result.outcome === 'oom' && to === attempt.endMs;
    const peakBytes = killed ? memoryBytes : peakMemory(attempt.result.profile, relFrom, relTo);
    minute.memUtil.push(Math.min(1, peakBytes / memoryBytes));
    minute.vcpuSeconds += billed.vcpu * seconds;
    minute.gibSeconds += (billed.memoryBytes / GIB) * seconds;
    minute.instanceSeconds += seconds;
  }
  addInstanceStart(job, planned, attempt, nowMs);
  if (attempt.endMs <= nowMs) {
    const minute = job.at(eventMinute(attempt.endMs));
    if (minute)
      minute.attempts[attempt.result.outcome === 'succeeded' ? 'succeeded' : 'failed'] += 1;
  }
}

function addExecution(job: JobMinutes, planned: PlannedExecution, nowMs: number): void {
  const { startMs, completionMs } = planned.plan;
  if (startMs > nowMs) return;
  for (const task of planned.plan.tasks) {
    for (const attempt of task.attempts)
      if (attempt.startMs < nowMs) addAttempt(job, planned, attempt, nowMs);
  }
  const runningUntil = Math.min(completionMs, nowMs);
  for (let m = Math.floor(startMs / MINUTE_MS); m * MINUTE_MS < runningUntil; m += 1) {
    const minute = job.at(m);
    if (minute) minute.running += 1;
  }
  if (completionMs <= nowMs) {
    const minute = job.at(eventMinute(completionMs));
    if (minute) minute.executions[executionFailed(planned) ? 'failed' : 'succeeded'] += 1;
  }
}

type Extract = (minute: Minute) => SimPoint['value'] | undefined;

const extracts = (
  buckets: Buckets,
): readonly [string, Readonly<Record<string, string>>, Extract][] => [
  [
    METRIC.cpuUtilizations,
    {},
    (m) => (m.cpuUtil.length ? distributionOf(m.cpuUtil, buckets) : undefined),
  ],
  [
    METRIC.memoryUtilizations,
    {},
    (m) => (m.memUtil.length ? distributionOf(m.memUtil, buckets) : undefined),
  ],
  [METRIC.cpuAllocation, {}, (m) => (m.instanceSeconds > 0 ? m.vcpuSeconds : undefined)],
  [METRIC.memoryAllocation, {}, (m) => (m.instanceSeconds > 0 ? m.gibSeconds : undefined)],
  [METRIC.billableInstanceTime, {}, (m) => (m.instanceSeconds > 0 ? m.instanceSeconds : undefined)],
  [METRIC.completedExecutions, { result: 'succeeded' }, (m) => m.executions.succeeded || undefined],
  [METRIC.completedExecutions, { result: 'failed' }, (m) => m.executions.failed || undefined],
  [METRIC.completedAttempts, { result: 'succeeded' }, (m) => m.attempts.succeeded || undefined],
  [METRIC.completedAttempts, { result: 'failed' }, (m) => m.attempts.failed || undefined],
  [METRIC.runningExecutions, {}, (m) => m.running || undefined],
];

function seriesOf(
  metricType: string,
  metricLabels: Readonly<Record<string, string>>,
  resourceLabels: Readonly<Record<string, string>>,
  points: SimPoint[],
): SimSeries {
  const shape = METRIC_SHAPES[metricType]!;
  return {
    metricType,
    metricLabels,
    resourceType: 'cloud_run_job',
    resourceLabels,
    ...shape,
    points,
  };
}

function pointAt(metricType: string, minute: number, value: SimPoint['value']): SimPoint {
  const endMs = (minute + 1) * MINUTE_MS;
  const gauge = METRIC_SHAPES[metricType]?.metricKind === 'GAUGE';
  return { startMs: gauge ? endMs : minute * MINUTE_MS, endMs, value };
}

/** One job's built-in series from its minutes, oldest point first, only minutes with data. */
function jobSeries(
  job: JobMinutes,
  resourceLabels: Record<string, string>,
  buckets: Buckets,
): SimSeries[] {
  const minutes = [...job.minutes.keys()].sort((a, b) => a - b);
  return extracts(buckets)
    .map(([metricType, labels, extract]) => {
      const points: SimPoint[] = [];
      for (const m of minutes) {
        const value = extract(job.minutes.get(m)!);
        if (value !== undefined) points.push(pointAt(metricType, m, value));
      }
      return seriesOf(metricType, labels, resourceLabels, points);
    })
    .filter((s) => s.points.length > 0);
}

/**
 * The log-based metrics a job writes from its exit log line: one sample per attempt that exited by
 * itself (an OOM-killed or timed-out process never writes the line), labelled by execution.
 */
function executionSeries(
  planned: PlannedExecution,
  nowMs: number,
  resourceLabels: Record<string, string>,
): SimSeries[] {
  const lastMinute = Math.floor(nowMs / MINUTE_MS) - 1;
  const byMinute = new Map<number, { peak: number[]; cpu: number[] }>();
  for (const attempt of planned.plan.tasks.flatMap((t) => t.attempts)) {
    const outcome = attempt.result.outcome;
    const minute = eventMinute(attempt.endMs);
    if (
      attempt.endMs > nowMs ||
      minute > lastMinute ||
      (outcome !== 'succeeded' && outcome !== 'error')
    )
      continue;
    const entry = byMinute.get(minute) ?? { peak: [], cpu: [] };
    entry.peak.push(attempt.result.peakMemoryBytes);
    entry.cpu.push(attempt.result.cpuSeconds);
    byMinute.set(minute, entry);
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  if (minutes.length === 0) return [];
  const labels = { execution_name: planned.id };
  const build = (
    type: string,
    pick: (e: { peak: number[]; cpu: number[] }) => number[],
    buckets: Buckets,
  ) =>
    seriesOf(
      type,
      labels,
      resourceLabels,
      minutes.map((m) => pointAt(type, m, distributionOf(pick(byMinute.get(m)!), buckets))),
    );
  return [
    build(METRIC.peakMemoryBytes, (e) => e.peak, MEMORY_BYTES_BUCKETS),
    build(METRIC.cpuSeconds, (e) => e.cpu, CPU_SECONDS_BUCKETS),
  ];
}

/** Every series of the project up to `nowMs`, by metric type; only complete minutes are reported. */
export function computeSeries(
  planned: readonly PlannedExecution[],
  nowMs: number,
  context: SeriesContext,
): Map<string, SimSeries[]> {
  const lastMinute = Math.floor(nowMs / MINUTE_MS) - 1;
  const jobs = new Map(context.jobIds.map((id) => [id, new JobMinutes(lastMinute)]));
  const byType = new Map<string, SimSeries[]>();
  const add = (series: SimSeries) => {
    const list = byType.get(series.metricType);
    if (list) list.push(series);
    else byType.set(series.metricType, [series]);
  };
  const labelsOf = (jobId: string) => ({
    project_id: context.project,
    job_name: jobId,
    location: context.region,
  });
  for (const execution of planned) {
    const job = jobs.get(execution.jobId);
    if (!job || execution.createMs > nowMs) continue;
    addExecution(job, execution, nowMs);
    if (context.perExecutionMetrics.has(execution.jobId)) {
      executionSeries(execution, nowMs, labelsOf(execution.jobId)).forEach(add);
    }
  }
  const buckets = context.utilisationBuckets ?? UTILIZATION_BUCKETS;
  for (const [jobId, job] of jobs) jobSeries(job, labelsOf(jobId), buckets).forEach(add);
  return byType;
}
