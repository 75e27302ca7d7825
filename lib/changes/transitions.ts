import {
  ChangeRequestNotFoundError,
  getChangeRequest,
  transitionChangeRequest,
  TransitionConflictError,
  TransitionRefusedError,
  type ChangeRequest,
  type Transition,
} from '@/lib/store';
import type { ChangeContext } from '@/lib/changes/service-context';
import { ChangeInputError, ChangeNotFoundError, ChangeStateError } from './errors';
import { contextAt } from './place';

/**
 * The change and the context at its own place: every Cloud Run call about a stored change goes
 * through that context. A change in a place this deployment does not read is not found.
 */
export async function loadChangeAt(
  context: ChangeContext,
  id: string,
): Promise<{ change: ChangeRequest; context: ChangeContext }> {
  let change: ChangeRequest;
  try {
    change = await getChangeRequest(context.store, id);
  } catch (error) {
    if (error instanceof ChangeRequestNotFoundError) throw new ChangeNotFoundError(id);
    throw error;
  }
  try {
    return { change, context: await contextAt(context, change) };
  } catch (error) {
    if (error instanceof ChangeInputError) throw new ChangeNotFoundError(id);
    throw error;
  }
}

/** The change, if it is in a place this deployment reads (see `loadChangeAt`). */
export async function loadChange(context: ChangeContext, id: string): Promise<ChangeRequest> {
  return (await loadChangeAt(context, id)).change;
}

/** One conditional move; losing a race or an illegal move becomes a 409 the user can read. */
export async function move(
  context: ChangeContext,
  id: string,
  transition: Transition,
): Promise<ChangeRequest> {
  try {
    return await transitionChangeRequest(context.store, id, transition);
  } catch (error) {
    if (error instanceof TransitionConflictError || error instanceof TransitionRefusedError) {
      throw new ChangeStateError(error.message, { cause: error });
    }
    if (error instanceof ChangeRequestNotFoundError) throw new ChangeNotFoundError(id);
    throw error;
  }
}

export function requireState(
  change: ChangeRequest,
  states: readonly ChangeRequest['state'][],
  doing: string,
): void {
  if (states.includes(change.state)) return;
  throw new ChangeStateError(
    `Change ${change.id} is ${change.state}; only a ${states.join(' or ')} change can be ${doing}.`,
  );
}
