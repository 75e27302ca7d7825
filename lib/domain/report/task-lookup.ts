/**
 * Tasks by execution. Cloud Run lists an execution's tasks together and, in practice, in the same
 * order as the executions, so a cursor finds them without a million-entry map keyed by full name;
 * the first time the orders disagree it falls back to that map, with the same answers.
 */
import type { ExecutionRecord, TaskRecord } from '../records';

type TaskIndex = Map<string, TaskRecord | TaskRecord[]>;

const NO_TASKS: readonly TaskRecord[] = [];

/** A lone task is stored as is, so a million single-task runs make no arrays. */
function groupTasks(tasks: readonly TaskRecord[]): TaskIndex {
  const byExecution: TaskIndex = new Map();
  for (const task of tasks) {
    const seen = byExecution.get(task.execution);
    if (seen === undefined) byExecution.set(task.execution, task);
    else if (Array.isArray(seen)) seen.push(task);
    else byExecution.set(task.execution, [seen, task]);
  }
  return byExecution;
}

export class TaskLookup {
  private cursor = 0;
  private index: TaskIndex | undefined;

  constructor(private readonly tasks: readonly TaskRecord[] = NO_TASKS) {}

  /** Call for every execution in listing order (skipped ones too), so the cursor keeps pace. */
  tasksOf(execution: ExecutionRecord): readonly TaskRecord[] {
    if (this.index === undefined) {
      const found = this.fromCursor(execution.fullName);
      if (found !== undefined) return found;
      this.index = groupTasks(this.tasks);
    }
    const found = this.index.get(execution.fullName);
    return found === undefined ? NO_TASKS : Array.isArray(found) ? found : [found];
  }

  /** The run of tasks at the cursor when they are this execution's; undefined when they are not. */
  private fromCursor(name: string): readonly TaskRecord[] | undefined {
    const start = this.cursor;
    if (start >= this.tasks.length || this.tasks[start]?.execution !== name) {
      return this.tasks.length === 0 ? NO_TASKS : undefined;
    }
    let end = start + 1;
    while (end < this.tasks.length && this.tasks[end]?.execution === name) end += 1;
    this.cursor = end;
    return end === start + 1 ? [this.tasks[start] as TaskRecord] : this.tasks.slice(start, end);
  }
}
