import type * as grpc from '@grpc/grpc-js';
import type { SimExecution, SimTask, World } from '../world/types';
import { newestFirst } from './executions-service';
import { parseExecutionParent, parseTaskName, taskId } from './names';
import { paginate } from './paging';
import { notFound, unary } from './rpc-error';
import { taskMessage } from './task-message';

interface ListRequest {
  parent?: string;
  pageSize?: number;
  pageToken?: string;
}

interface TaskOf {
  readonly execution: SimExecution;
  readonly task: SimTask;
}

/** Tasks under `executions/E`, with `-` for every job or every execution. */
function tasksUnder(world: World, parent: unknown): TaskOf[] {
  const { jobId, executionId } = parseExecutionParent(world, parent);
  if (jobId !== undefined && !world.getJob(jobId))
    throw notFound(`execution ${String(parent)} was not found`);
  const executions = world
    .listExecutions(jobId)
    .filter((e) => executionId === undefined || e.id === executionId);
  if (executionId !== undefined && executions.length === 0) {
    throw notFound(`execution ${String(parent)} was not found`);
  }
  return executions.flatMap((execution) => execution.tasks.map((task) => ({ execution, task })));
}

function findTask(world: World, name: unknown): TaskOf {
  const ref = parseTaskName(world, name);
  const execution = world.getExecution(ref.jobId, ref.executionId);
  const task = execution?.tasks.find((t) => taskId(execution.id, t.index) === ref.taskId);
  if (!execution || !task) throw notFound(`task ${String(name)} was not found`);
  return { execution, task };
}

/** Handlers for google.cloud.run.v2.Tasks. */
export function tasksHandlers(world: World): grpc.UntypedServiceImplementation {
  return {
    GetTask: unary((request: { name?: string }) => {
      const { execution, task } = findTask(world, request.name);
      return taskMessage(world, execution, task);
    }),
    ListTasks: unary((request: ListRequest) => {
      const { page, nextPageToken } = paginate(
        tasksUnder(world, request.parent),
        ({ execution, task }) => [...newestFirst(execution), task.index],
        { parent: request.parent ?? '', pageSize: request.pageSize, pageToken: request.pageToken },
      );
      return {
        tasks: page.map(({ execution, task }) => taskMessage(world, execution, task)),
        nextPageToken,
      };
    }),
  };
}
