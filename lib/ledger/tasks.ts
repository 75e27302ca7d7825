import type { ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import { GcpError, jobName, listTasks, type GcpClients } from '@/lib/gcp';
import type { LedgerJobRef } from './tables';

/** Below this many executions, one ListTasks each costs fewer calls than paging the whole job. */
const PER_EXECUTION_UP_TO = 2;
const TASK_PAGE_SIZE = 1000;

/**
 * Task results of the given executions by execution full name; undefined when Google would not
 * list them (the executions are stored without tasks and read again next time).
 */
export async function readTasksOf(
  clients: GcpClients,
  ref: LedgerJobRef,
  executions: readonly ExecutionRecord[],
): Promise<Map<string, TaskRecord[]> | undefined> {
  const wanted = new Set(executions.map((e) => e.fullName));
  const expected = executions.reduce((n, e) => n + e.taskCount, 0);
  const haveAll = (tasks: readonly TaskRecord[], count: number) =>
    tasks.reduce((n, t) => n + (wanted.has(t.execution) ? 1 : 0), 0) >= count;
  const byExecution = new Map<string, TaskRecord[]>();
  try {
    const parents =
      executions.length <= PER_EXECUTION_UP_TO
        ? executions.map((e) => e.fullName)
        : [`${jobName(ref)}/executions/-`];
    for (const parent of parents) {
      const listing = await listTasks(clients, {
        executionName: parent,
        pageSize: TASK_PAGE_SIZE,
        // Cloud Run lists newest executions first, so the wanted tasks usually come in the first pages.
        done: (tasks) => haveAll(tasks, expected),
      });
      for (const task of listing.items) {
        if (!wanted.has(task.execution)) continue;
        const list = byExecution.get(task.execution);
        if (list) list.push(task);
        else byExecution.set(task.execution, [task]);
      }
    }
  } catch (error) {
    if (error instanceof GcpError) return undefined;
    throw error;
  }
  return byExecution;
}
