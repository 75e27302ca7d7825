import type { JobRecord } from '@/lib/domain/records';
import {
  CHANGE_STATES,
  listAudit,
  listChangeRequests,
  type AuditEntry,
  type ChangeRequest,
  type ChangeState,
} from '@/lib/store';
import { INTERRUPTED_APPLY_AFTER_MS, type ChangeContext } from '@/lib/changes/service-context';
import { readJob } from '@/lib/changes/cloud-run';
import { ChangeNotFoundError } from './errors';
import { driftOf } from './job-limits';
import { resolveInterruptedApplies } from './recover';
import { loadChange } from './transitions';

export { CHANGE_STATES };

export interface ChangeFilter {
  readonly state?: ChangeState;
  readonly job?: string;
  readonly limit?: number;
}

export function isChangeState(value: unknown): value is ChangeState {
  return typeof value === 'string' && (CHANGE_STATES as readonly string[]).includes(value);
}

/** Newest first. Changes left applying by a stopped app are resolved before they are listed. */
export async function listChanges(
  context: ChangeContext,
  filter: ChangeFilter = {},
): Promise<ChangeRequest[]> {
  await resolveInterruptedApplies(context, { staleAfterMs: INTERRUPTED_APPLY_AFTER_MS });
  return listChangeRequests(context.store, {
    project: context.project,
    region: context.region,
    ...(filter.state !== undefined && { state: filter.state }),
    ...(filter.job !== undefined && { job: filter.job }),
    limit: filter.limit ?? 200,
  });
}

export interface ChangeView {
  readonly change: ChangeRequest;
  /** The job as Cloud Run reports it now; null when it could not be read (see `jobError`). */
  readonly job: JobRecord | null;
  readonly jobError: string | null;
  /** How the job differs from what the change was proposed against; empty when it has not moved. */
  readonly drift: readonly string[];
  /** Every event of this change, oldest first. */
  readonly history: readonly AuditEntry[];
}

export async function getChangeView(context: ChangeContext, id: string): Promise<ChangeView> {
  await resolveInterruptedApplies(context, { staleAfterMs: INTERRUPTED_APPLY_AFTER_MS });
  const change = await loadChange(context, id);
  const history = await listAudit(context.store, { target: `change:${id}`, limit: 1000 });
  let job: JobRecord | null = null;
  let jobError: string | null = null;
  try {
    job = await readJob(context, change.job);
  } catch (error) {
    jobError = error instanceof Error ? error.message : String(error);
  }
  const settled = change.state === 'applied' || change.state === 'superseded';
  const drift =
    job && !settled
      ? driftOf({ etag: change.etagAtProposal, limits: change.limitsBefore }, job)
      : [];
  return { change, job, jobError, drift, history: [...history].reverse() };
}

/** For pages: answer 404 before streaming starts, when the status can still change. */
export async function changeExists(context: ChangeContext, id: string): Promise<boolean> {
  return loadChange(context, id).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ChangeNotFoundError) return false;
      throw error;
    },
  );
}
