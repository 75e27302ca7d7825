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
import { ChangeNotFoundError, ChangeStateError } from './errors';

export async function loadChange(context: ChangeContext, id: string): Promise<ChangeRequest> {
  try {
    const change = await getChangeRequest(context.store, id);
    // A change belongs to the project and region this deployment manages.
    if (change.project !== context.project || change.region !== context.region) {
      throw new ChangeNotFoundError(id);
    }
    return change;
  } catch (error) {
    if (error instanceof ChangeRequestNotFoundError) throw new ChangeNotFoundError(id);
    throw error;
  }
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
