/** The only way into Google Cloud: adapters that return plain records from lib/domain/records. */
export { createClients, withCallCounter, type ClientTarget, type GcpClients } from './clients';
export { ApiCallCounter, DEFAULT_RETRY, type Listing, type RetryPolicy } from './calls';
export * from './errors';
export {
  getJob,
  jobName,
  listAllExecutions,
  listExecutions,
  listJobs,
  listTasks,
  locationName,
  updateJobLimits,
  type ExecutionWindow,
  type JobLocation,
  type Location,
  type UpdateJobLimitsRequest,
} from './run';
export {
  readAllocation,
  readCompletedExecutions,
  readExecutionMetrics,
  readExecutionMetricsOfJobs,
  readUtilisation,
  type JobExecutionUsage,
  type JobUtilisation,
  type MonitoringWindow,
} from './monitoring';
export { RUN_METRIC } from './monitoring-query';
export { createJobFrom, type CreateJobFromRequest } from './job-create';
export { getJobManifest, type KnativeJob } from './job-manifest';
export { knativeJobOf } from './mappers/knative-job';
export { listRegions } from './locations';
