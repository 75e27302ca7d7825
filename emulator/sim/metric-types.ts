import type { SimMetricKind, SimValueType } from '../world/types';

export const METRIC = {
  cpuUtilizations: 'run.googleapis.com/container/cpu/utilizations',
  memoryUtilizations: 'run.googleapis.com/container/memory/utilizations',
  cpuAllocation: 'run.googleapis.com/container/cpu/allocation_time',
  memoryAllocation: 'run.googleapis.com/container/memory/allocation_time',
  billableInstanceTime: 'run.googleapis.com/container/billable_instance_time',
  completedExecutions: 'run.googleapis.com/job/completed_execution_count',
  completedAttempts: 'run.googleapis.com/job/completed_task_attempt_count',
  runningExecutions: 'run.googleapis.com/job/running_executions',
  peakMemoryBytes: 'logging.googleapis.com/user/execution_peak_memory_bytes',
  cpuSeconds: 'logging.googleapis.com/user/execution_cpu_seconds',
} as const;

export interface MetricShape {
  readonly metricKind: SimMetricKind;
  readonly valueType: SimValueType;
  readonly unit: string;
}

export const METRIC_SHAPES: Readonly<Record<string, MetricShape>> = {
  [METRIC.cpuUtilizations]: { metricKind: 'DELTA', valueType: 'DISTRIBUTION', unit: '10^2.%' },
  [METRIC.memoryUtilizations]: { metricKind: 'DELTA', valueType: 'DISTRIBUTION', unit: '10^2.%' },
  [METRIC.cpuAllocation]: { metricKind: 'DELTA', valueType: 'DOUBLE', unit: 's{vCPU}' },
  [METRIC.memoryAllocation]: { metricKind: 'DELTA', valueType: 'DOUBLE', unit: 'GiBy.s' },
  [METRIC.billableInstanceTime]: { metricKind: 'DELTA', valueType: 'DOUBLE', unit: 's' },
  [METRIC.completedExecutions]: { metricKind: 'DELTA', valueType: 'INT64', unit: '1' },
  [METRIC.completedAttempts]: { metricKind: 'DELTA', valueType: 'INT64', unit: '1' },
  [METRIC.runningExecutions]: { metricKind: 'GAUGE', valueType: 'INT64', unit: '1' },
  [METRIC.peakMemoryBytes]: { metricKind: 'DELTA', valueType: 'DISTRIBUTION', unit: 'By' },
  [METRIC.cpuSeconds]: { metricKind: 'DELTA', valueType: 'DISTRIBUTION', unit: 's' },
};

const BUILT_IN = Object.values(METRIC).filter((t) => t.startsWith('run.googleapis.com/'));

export const METRIC_TYPES = {
  builtIn: BUILT_IN,
  all: Object.values(METRIC) as string[],
} as const;
