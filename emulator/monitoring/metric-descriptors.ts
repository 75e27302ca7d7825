import type { SimMetricKind, SimValueType } from '../world/types';

export interface MetricShape {
  readonly metricKind: SimMetricKind;
  readonly valueType: SimValueType;
  readonly unit: string;
}

// The cloud_run_job metrics Tierwise reads (DESIGN.md §2), as Google's metric list describes them,
// so a request is validated the same way whether or not the window holds data.
const RUN_JOB_METRICS: Readonly<Record<string, MetricShape>> = {
  'run.googleapis.com/container/cpu/utilizations': {
    metricKind: 'DELTA',
    valueType: 'DISTRIBUTION',
    unit: '10^2.%',
  },
  'run.googleapis.com/container/memory/utilizations': {
    metricKind: 'DELTA',
    valueType: 'DISTRIBUTION',
    unit: '10^2.%',
  },
  'run.googleapis.com/container/cpu/allocation_time': {
    metricKind: 'DELTA',
    valueType: 'DOUBLE',
    unit: 's{vCPU}',
  },
  'run.googleapis.com/container/memory/allocation_time': {
    metricKind: 'DELTA',
    valueType: 'DOUBLE',
    unit: 'GiBy.s',
  },
  'run.googleapis.com/container/billable_instance_time': {
    metricKind: 'DELTA',
    valueType: 'DOUBLE',
    unit: 's',
  },
  'run.googleapis.com/job/completed_execution_count': {
    metricKind: 'DELTA',
    valueType: 'INT64',
    unit: '1',
  },
  'run.googleapis.com/job/completed_task_attempt_count': {
    metricKind: 'DELTA',
    valueType: 'INT64',
    unit: '1',
  },
  'run.googleapis.com/job/running_executions': {
    metricKind: 'GAUGE',
    valueType: 'INT64',
    unit: '1',
  },
};

/** The kind and value type of a known metric type, undefined for types the emulator never serves. */
export function describeMetric(metricType: string): MetricShape | undefined {
  return RUN_JOB_METRICS[metricType];
}
