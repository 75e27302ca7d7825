import type { Updateable } from 'kysely';
import { insertAudit } from './audit';
import {
  ChangeRequestNotFoundError,
  TransitionConflictError,
  TransitionRefusedError,
} from './errors';
import { findChangeRequest, type ChangeRequest, type ChangeState } from './change-requests';
import type { ChangeRequestsTable, Store } from './schema';

/** The change request lifecycle; every other move is refused. */
export const ALLOWED_TRANSITIONS: Readonly<Record<ChangeState, readonly ChangeState[]>> = {
  proposed: ['approved', 'rejected', 'withdrawn', 'superseded'],
  // → applied directly: applied outside Tierwise (its own pipeline), after the job was read back.
  approved: ['applying', 'superseded', 'applied'],
  // Apply claims the change first, then re-reads the job: drift found then supersedes it.
  applying: ['applied', 'failed', 'superseded'],
  rejected: [],
  withdrawn: [],
  applied: [],
  // Applying again after a failure is safe: the job is re-read before anything is written.
  failed: ['applying', 'superseded'],
  superseded: [],
};

export interface Transition {
  /** The states the caller expects it to be in now; it moves only from one of these. */
  readonly from: readonly ChangeState[];
  readonly to: ChangeState;
  readonly actor: string;
  readonly patch?: {
    /** Kept with approve, reject and withdraw. */
    readonly decisionComment?: string;
    /** Required in spirit for `failed`: what Cloud Run said. */
    readonly failureReason?: string;
    /** How a change applied outside Tierwise was applied, in the approver's words. */
    readonly appliedOutside?: string;
  };
}

export function canTransition(from: ChangeState, to: ChangeState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/**
 * Moves a change request in one transaction: a conditional UPDATE (… WHERE id = ? AND state = ?
 * AND version = ?) plus its audit entry. Of two app instances racing to move `approved → applying`,
 * exactly one succeeds; the other gets a TransitionConflictError naming the state it found.
 */
export async function transitionChangeRequest(
  store: Store,
  id: string,
  transition: Transition,
): Promise<ChangeRequest> {
  refuseUnknownMoves(transition);
  return store.db.transaction().execute(async (trx) => {
    const current = await findChangeRequest(trx, id);
    if (!current) throw new ChangeRequestNotFoundError(id);
    if (!transition.from.includes(current.state)) {
      throw new TransitionConflictError(id, current.state, transition.to);
    }
    const now = store.now();
    const result = await trx
      .updateTable('change_requests')
      .set(changedColumns(transition, now, current.version))
      .where('id', '=', id)
      .where('state', '=', current.state)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      const moved = await findChangeRequest(trx, id);
      throw new TransitionConflictError(id, moved?.state ?? 'gone', transition.to);
    }
    await insertAudit(trx, now, {
      actor: transition.actor,
      action: `change.${transition.to}`,
      target: `change:${id}`,
      details: { from: current.state, to: transition.to, ...definedOnly(transition.patch) },
    });
    const updated = await findChangeRequest(trx, id);
    if (!updated) throw new ChangeRequestNotFoundError(id);
    return updated;
  });
}

function refuseUnknownMoves({ from, to }: Transition): void {
  const refused = from.filter((state) => !canTransition(state, to));
  if (from.length > 0 && refused.length === 0) return;
  const sources = Object.entries(ALLOWED_TRANSITIONS)
    .filter(([, targets]) => targets.includes(to))
    .map(([source]) => source);
  const allowed =
    sources.length === 0
      ? `Nothing moves to ${to}.`
      : `Only ${sources.join(' or ')} can become ${to}.`;
  throw new TransitionRefusedError(from.length === 0 ? ['(no state)'] : refused, to, allowed);
}

function changedColumns(
  { to, actor, patch }: Transition,
  now: number,
  version: number,
): Updateable<ChangeRequestsTable> {
  const columns: Updateable<ChangeRequestsTable> = {
    state: to,
    updated_at: now,
    version: version + 1,
  };
  if (to === 'approved' || to === 'rejected' || to === 'withdrawn') {
    columns.decided_by = actor.toLowerCase();
    columns.decided_at = now;
    columns.decision_comment = patch?.decisionComment ?? null;
  }
  if (to === 'applied') columns.applied_at = now;
  if (to === 'failed') columns.failure_reason = patch?.failureReason ?? 'no reason was recorded';
  // Why a change was superseded is shown with it, like why it failed.
  if (to === 'superseded' && patch?.failureReason) columns.failure_reason = patch.failureReason;
  return columns;
}

function definedOnly(patch: Transition['patch']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(patch ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}
