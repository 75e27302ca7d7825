import type { SimAttempt, SimExecution, SimTask, SimTaskTemplate } from '../world/types';
import type { PlanLimits, PlannedAttempt, PlannedTask, TaskPlan } from './plan';
import type { Physics } from './scenario';
import type { TierName } from './scenario-schema';
import type { Workload, WorkloadFeatures } from './workload';

/** An execution with its whole future already decided; what is visible depends on the clock. */
export interface PlannedExecution {
  readonly key: string;
  readonly streamName?: string;
  readonly id: string;
  readonly jobId: string;
  readonly uid: string;
  readonly jobGeneration: number;
  readonly createMs: number;
  readonly template: SimTaskTemplate;
  readonly taskCount: number;
  readonly parallelism: number;
  readonly plan: TaskPlan;
  readonly limits: PlanLimits;
  readonly physics: Physics;
  readonly workload: Workload;
  readonly features: WorkloadFeatures;
  readonly tier: TierName;
  readonly payloadReadable: boolean;
}

function attemptView(attempt: PlannedAttempt, nowMs: number): SimAttempt {
  if (attempt.endMs > nowMs) return { startMs: attempt.startMs, outcome: 'running' };
  const { outcome, exitCode, termSignal } = attempt.result;
  return {
    startMs: attempt.startMs,
    endMs: attempt.endMs,
    outcome,
    ...(exitCode !== undefined && { exitCode }),
    ...(termSignal !== undefined && { termSignal }),
  };
}

type TaskState = 'pending' | 'running' | 'succeeded' | 'failed';

function taskState(task: PlannedTask, nowMs: number): TaskState {
  const first = task.attempts[0];
  const last = task.attempts.at(-1);
  if (!first || !last || first.startMs > nowMs) return 'pending';
  if (last.endMs > nowMs) return 'running';
  return last.result.outcome === 'succeeded' ? 'succeeded' : 'failed';
}

/** Whether the execution failed (any task's last allowed attempt failed). */
export function executionFailed(planned: PlannedExecution): boolean {
  return planned.plan.tasks.some((t) => t.attempts.at(-1)?.result.outcome !== 'succeeded');
}

/** What Cloud Run shows of an execution at `nowMs`; undefined before it is created. */
export function viewAt(planned: PlannedExecution, nowMs: number): SimExecution | undefined {
  if (planned.createMs > nowMs) return undefined;
  const { plan } = planned;
  const tasks: SimTask[] = plan.tasks.map((task) => ({
    index: task.index,
    attempts: task.attempts.filter((a) => a.startMs <= nowMs).map((a) => attemptView(a, nowMs)),
  }));
  const states = plan.tasks.map((task) => taskState(task, nowMs));
  const count = (state: TaskState) => states.filter((s) => s === state).length;
  return {
    id: planned.id,
    jobId: planned.jobId,
    uid: planned.uid,
    jobGeneration: planned.jobGeneration,
    createMs: planned.createMs,
    ...(plan.startMs <= nowMs && { startMs: plan.startMs }),
    ...(plan.completionMs <= nowMs && { completionMs: plan.completionMs }),
    template: planned.template,
    taskCount: planned.taskCount,
    parallelism: planned.parallelism,
    tasks,
    runningCount: count('running'),
    succeededCount: count('succeeded'),
    failedCount: count('failed'),
    retriedCount: tasks.filter((t) => t.attempts.length > 1).length,
    cancelledCount: 0,
  };
}
