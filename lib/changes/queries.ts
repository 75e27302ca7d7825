import type { JobRecord } from '@/lib/domain/records';
import {
  CHANGE_STATES,
  listAudit,
  listChangeRequests,
  type AuditEntry,
  type ChangeRequest,
  type ChangeState,
} from '@/lib/store';
import {
  INTERRUPTED_APPLY_AFTER_MS,
  type ChangeContext,
  type Place,
} from '@/lib/changes/service-context';
import { readJob } from '@/lib/changes/cloud-run';
import { ChangeInputError, ChangeNotFoundError } from './errors';
import { contextAt, placeOf } from './place';
import { driftOf } from './job-limits';
import { resolveInterruptedApplies } from './recover';
import { loadChange, loadChangeAt } from './transitions';

export { CHANGE_STATES };

export interface ChangeFilter {
  readonly state?: ChangeState;
  readonly job?: string;
  /** One place's changes; without it, those of every place the context reaches. */
  readonly place?: Place;
  readonly limit?: number;
}

export function isChangeState(value: unknown): value is ChangeState {
  return typeof value === 'string' && (CHANGE_STATES as readonly string[]).includes(value);
}

/**
 * Newest first. Changes left applying by a stopped app are resolved before they are listed. A
 * change in a place this deployment no longer reads is left out, as it is not found by id.
 */
export async function listChanges(
  context: ChangeContext,
  filter: ChangeFilter = {},
): Promise<ChangeRequest[]> {
  await resolveInterruptedApplies(context, { staleAfterMs: INTERRUPTED_APPLY_AFTER_MS });
  const only = filter.place ?? (context.at ? undefined : placeOf(context));
  if (only) await contextAt(context, only);
  const changes = await listChangeRequests(context.store, {
    ...(only && placeOf(only)),
    ...(filter.state !== undefined && { state: filter.state }),
    ...(filter.job !== undefined && { job: filter.job }),
    limit: filter.limit ?? 200,
  });
  if (only) return changes;
  const readable = await readablePlaces(context, changes);
  return changes.filter((change) => readable.has(placeKey(change)));
}

const placeKey = (place: Place) => `${place.project}/${place.region}`;

/** The places of `changes` this context reaches, each asked once. */
export async function readablePlaces(
  context: ChangeContext,
  changes: readonly Place[],
): Promise<Set<string>> {
  const keys = new Map(changes.map((change) => [placeKey(change), placeOf(change)]));
  const readable = new Set<string>();
  await Promise.all(
    [...keys].map(async ([key, place]) => {
      const reached = await contextAt(context, place).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ChangeInputError) return false;
          throw error;
        },
      );
      if (reached) readable.add(key);
    }),
  );
  return readable;
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

export async function getChangeView(given: ChangeContext, id: string): Promise<ChangeView> {
  await resolveInterruptedApplies(given, { staleAfterMs: INTERRUPTED_APPLY_AFTER_MS });
  const { change, context } = await loadChangeAt(given, id);
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
