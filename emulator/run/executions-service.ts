import type * as grpc from '@grpc/grpc-js';
import type { SimExecution, World } from '../world/types';
import { executionMessage } from './execution-message';
import { parseExecutionName, parseJobParent } from './names';
import { paginate, type SortKey } from './paging';
import { notFound, unary, unimplemented } from './rpc-error';

interface ListRequest {
  parent?: string;
  pageSize?: number;
  pageToken?: string;
}

/** Newest first; ties broken by name so every page boundary is stable. */
export const newestFirst = (execution: SimExecution): SortKey => [
  -execution.createMs,
  execution.jobId,
  execution.id,
];

export function findExecution(world: World, name: unknown, field = 'name'): SimExecution {
  const { jobId, executionId } = parseExecutionName(world, name, field);
  const execution = world.getExecution(jobId, executionId);
  if (!execution) throw notFound(`execution ${String(name)} was not found`);
  return execution;
}

/** Executions under a `jobs/J` or `jobs/-` parent; an unknown job is NOT_FOUND, as in Cloud Run. */
export function executionsUnder(world: World, parent: unknown): readonly SimExecution[] {
  const { jobId } = parseJobParent(world, parent);
  if (jobId !== undefined && !world.getJob(jobId))
    throw notFound(`job ${String(parent)} was not found`);
  return world.listExecutions(jobId);
}

/** Handlers for google.cloud.run.v2.Executions. */
export function executionsHandlers(world: World): grpc.UntypedServiceImplementation {
  const notServed = (method: string) => unimplemented('google.cloud.run.v2.Executions', method);
  return {
    GetExecution: unary((request: { name?: string }) =>
      executionMessage(world, findExecution(world, request.name)),
    ),
    ListExecutions: unary((request: ListRequest) => {
      const executions = executionsUnder(world, request.parent);
      const { page, nextPageToken } = paginate(executions, newestFirst, {
        parent: request.parent ?? '',
        pageSize: request.pageSize,
        pageToken: request.pageToken,
      });
      return { executions: page.map((e) => executionMessage(world, e)), nextPageToken };
    }),
    DeleteExecution: notServed('DeleteExecution'),
    CancelExecution: notServed('CancelExecution'),
  };
}
