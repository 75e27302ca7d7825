import * as grpc from '@grpc/grpc-js';
import type { SimJob, SimRunOverrides, World } from '../world/types';
import { executionMessage } from './execution-message';
import { jobMessage } from './job-message';
import { jobUpdateFromProto } from './job-update';
import { checkTimeout } from './limits';
import { formatLocationName, parseJobName, parseLocationName } from './names';
import type { OperationStore } from './operations';
import { paginate } from './paging';
import {
  durationSeconds,
  type ProtoDuration,
  type ProtoEnvVar,
  type ProtoJob,
} from './proto-shapes';
import { invalidArgument, notFound, RpcError, unary, unimplemented } from './rpc-error';

interface UpdateJobRequest {
  job?: ProtoJob;
  validateOnly?: boolean;
  allowMissing?: boolean;
}

interface CreateJobRequest {
  parent?: string;
  job?: ProtoJob;
  jobId?: string;
  validateOnly?: boolean;
}

/**
 * A job id is an RFC 1035 label: a lower-case letter first, then letters, digits and dashes, not
 * ending in a dash, at most 63 characters. job.proto gives no length for job_id; 63 is the label
 * bound it applies to names built from the job's ("the sum of job name and token length must be
 * fewer than 63 characters"), and Cloud Run answers a bad service_id with these same rules.
 */
const JOB_ID = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

interface RunJobRequest {
  name?: string;
  validateOnly?: boolean;
  etag?: string;
  overrides?: {
    containerOverrides?: { name?: string; env?: ProtoEnvVar[]; args?: string[] }[];
    taskCount?: number;
    timeout?: ProtoDuration;
  };
}

const MAX_TASK_COUNT = 10_000;

function findJob(world: World, name: unknown, field = 'name'): SimJob {
  const { jobId } = parseJobName(world, name, field);
  const job = world.getJob(jobId);
  if (!job) throw notFound(`job ${String(name)} was not found`);
  return job;
}

/** Optimistic concurrency: an etag that is sent must be the current one. */
function checkEtag(job: SimJob, etag: string | undefined): void {
  if (etag && etag !== job.etag) {
    throw new RpcError(
      grpc.status.ABORTED,
      `the job changed since it was read: etag ${etag} is stale (now ${job.etag}); re-read and retry`,
    );
  }
}

function runOverrides(request: RunJobRequest): SimRunOverrides {
  const overrides = request.overrides ?? {};
  const containers = overrides.containerOverrides ?? [];
  if (containers.length > 1) {
    throw invalidArgument(
      'overrides.container_overrides: the emulator serves jobs with one container',
    );
  }
  const env = (containers[0]?.env ?? []).map((v, i) => {
    if (!v.name)
      throw invalidArgument(`overrides.container_overrides[0].env[${i}].name is required`);
    return { name: v.name, value: v.value ?? '' };
  });
  const taskCount = overrides.taskCount ?? 0;
  if (!Number.isInteger(taskCount) || taskCount < 0 || taskCount > MAX_TASK_COUNT) {
    throw invalidArgument(`overrides.task_count: ${taskCount} is not 1 to ${MAX_TASK_COUNT}`);
  }
  const timeoutSeconds = overrides.timeout ? durationSeconds(overrides.timeout) : undefined;
  const timeoutViolations =
    timeoutSeconds === undefined ? [] : checkTimeout(timeoutSeconds, 'overrides.timeout');
  const [violation] = timeoutViolations;
  if (violation)
    throw invalidArgument(`${violation.field}: ${violation.description}`, timeoutViolations);
  return {
    ...(env.length > 0 && { env }),
    ...(taskCount > 0 && { taskCount }),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
  };
}

function updateJob(world: World, operations: OperationStore, request: UpdateJobRequest) {
  if (!request.job)
    throw invalidArgument('job is required', [{ field: 'job', description: 'is required' }]);
  const current = findJob(world, request.job.name, 'job.name');
  checkEtag(current, request.job.etag);
  const update = jobUpdateFromProto(request.job);
  if (request.validateOnly) {
    const preview = jobMessage(world, { ...current, ...update });
    const seed = `${current.uid}:validate:${current.generation}:${JSON.stringify(update)}`;
    return operations.start(seed, 'google.cloud.run.v2.Job', () => preview, true);
  }
  const updated = world.updateJob(current.id, update);
  const snapshot = jobMessage(world, updated);
  return operations.start(
    `${updated.uid}:update:${updated.generation}`,
    'google.cloud.run.v2.Job',
    () => snapshot,
  );
}

function createJob(world: World, operations: OperationStore, request: CreateJobRequest) {
  parseLocationName(world, request.parent);
  const jobId = request.jobId ?? '';
  if (!JOB_ID.test(jobId)) {
    throw invalidArgument(
      `job_id ${JSON.stringify(jobId)} must be 1 to 63 lower-case letters, digits and dashes, starting with a letter and not ending with a dash`,
      [
        {
          field: 'job_id',
          description: 'must be a lower-case RFC 1035 label of 1 to 63 characters',
        },
      ],
    );
  }
  if (!request.job)
    throw invalidArgument('job is required', [{ field: 'job', description: 'is required' }]);
  const fullName = `${formatLocationName(world)}/jobs/${jobId}`;
  // Cloud Run names the job from parent and job_id; a name in the body is refused, even that one.
  if (request.job.name) {
    throw invalidArgument(
      `job.name must be empty: the job is named ${fullName} from parent and job_id, got ${JSON.stringify(request.job.name)}`,
      [{ field: 'job.name', description: 'must be empty on create' }],
    );
  }
  if (world.getJob(jobId)) {
    throw new RpcError(grpc.status.ALREADY_EXISTS, `job ${fullName} already exists`);
  }
  const spec = jobUpdateFromProto(request.job);
  if (request.validateOnly) {
    const now = world.now();
    const preview = jobMessage(world, {
      id: jobId,
      uid: '',
      generation: 0,
      etag: '',
      createMs: now,
      updateMs: now,
      executionCount: 0,
      ...spec,
    });
    const seed = `${fullName}:validate-create:${JSON.stringify(spec)}`;
    return operations.start(seed, 'google.cloud.run.v2.Job', () => preview, true);
  }
  const created = world.createJob(jobId, spec);
  const snapshot = jobMessage(world, created);
  return operations.start(`${created.uid}:create`, 'google.cloud.run.v2.Job', () => snapshot);
}

function runJob(world: World, operations: OperationStore, request: RunJobRequest) {
  const job = findJob(world, request.name);
  checkEtag(job, request.etag);
  const overrides = runOverrides(request);
  if (request.validateOnly) {
    const preview = { job: job.id, taskCount: overrides.taskCount ?? job.taskCount };
    const seed = `${job.uid}:validate-run:${job.executionCount}:${JSON.stringify(overrides)}`;
    return operations.start(seed, 'google.cloud.run.v2.Execution', () => preview, true);
  }
  const execution = world.runJob(job.id, overrides);
  return operations.start(`${execution.uid}:run`, 'google.cloud.run.v2.Execution', () => {
    const latest = world.getExecution(execution.jobId, execution.id) ?? execution;
    return executionMessage(world, latest);
  });
}

/** Handlers for google.cloud.run.v2.Jobs. */
export function jobsHandlers(
  world: World,
  operations: OperationStore,
): grpc.UntypedServiceImplementation {
  const location = formatLocationName(world);
  const notServed = (method: string) => unimplemented('google.cloud.run.v2.Jobs', method);
  return {
    GetJob: unary((request: { name?: string }) => jobMessage(world, findJob(world, request.name))),
    ListJobs: unary((request: { parent?: string; pageSize?: number; pageToken?: string }) => {
      parseLocationName(world, request.parent);
      const { page, nextPageToken } = paginate(world.listJobs(), (job) => [job.id], {
        parent: location,
        pageSize: request.pageSize,
        pageToken: request.pageToken,
      });
      return { jobs: page.map((job) => jobMessage(world, job)), nextPageToken };
    }),
    UpdateJob: unary((request: UpdateJobRequest) => updateJob(world, operations, request)),
    RunJob: unary((request: RunJobRequest) => runJob(world, operations, request)),
    CreateJob: unary((request: CreateJobRequest) => createJob(world, operations, request)),
    DeleteJob: notServed('DeleteJob'),
    GetIamPolicy: notServed('GetIamPolicy'),
    SetIamPolicy: notServed('SetIamPolicy'),
    TestIamPermissions: notServed('TestIamPermissions'),
  };
}
