import type { SimExecution } from '../world/types';
import type { ExecutionLists } from './execution-views';

const DAY_MS = 86_400_000;

export interface Retention {
  readonly days: number;
  readonly executions: number;
}

/**
 * What Cloud Run Admin still lists: per job its newest `executions` runs *and* every run created
 * within the last `days` — "the most recent 1,000 executions of a job …, along with any executions
 * that occurred within the last seven days" (https://cloud.google.com/run/docs/execute/jobs).
 * Lists come newest first, so each job's kept runs are a prefix of its list.
 */
export function retainedLists(
  full: ExecutionLists,
  nowMs: number,
  retention: Retention,
): ExecutionLists {
  const cutoffMs = nowMs - retention.days * DAY_MS;
  const byJob = new Map<string, readonly SimExecution[]>();
  const kept = new Set<SimExecution>();
  for (const [jobId, executions] of full.byJob) {
    let end = 0;
    while (
      end < executions.length &&
      (end < retention.executions || executions[end]!.createMs >= cutoffMs)
    ) {
      kept.add(executions[end]!);
      end += 1;
    }
    byJob.set(jobId, executions.slice(0, end));
  }
  return { all: full.all.filter((e) => kept.has(e)), byJob };
}
