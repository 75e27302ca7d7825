import type { SimExecution } from '../world/types';
import { viewAt, type PlannedExecution } from './view';

export interface ExecutionLists {
  /** Newest first. */
  readonly all: readonly SimExecution[];
  readonly byJob: ReadonlyMap<string, readonly SimExecution[]>;
}

/** What the Admin API lists at the world's clock, rebuilt only when the world changed. */
export class ExecutionViews {
  /** Views of completed executions never change. */
  #done = new WeakMap<PlannedExecution, SimExecution>();
  #cache?: { version: number; lists: ExecutionLists };

  lists(planned: readonly PlannedExecution[], nowMs: number, version: number): ExecutionLists {
    if (this.#cache?.version === version) return this.#cache.lists;
    const all: SimExecution[] = [];
    const byJob = new Map<string, SimExecution[]>();
    for (let i = planned.length - 1; i >= 0; i -= 1) {
      const view = this.#viewOf(planned[i]!, nowMs);
      if (!view) continue;
      all.push(view);
      const list = byJob.get(view.jobId);
      if (list) list.push(view);
      else byJob.set(view.jobId, [view]);
    }
    this.#cache = { version, lists: { all, byJob } };
    return this.#cache.lists;
  }

  #viewOf(planned: PlannedExecution, nowMs: number): SimExecution | undefined {
    const done = this.#done.get(planned);
    if (done) return done;
    const view = viewAt(planned, nowMs);
    if (view && planned.plan.completionMs <= nowMs) this.#done.set(planned, view);
    return view;
  }
}
