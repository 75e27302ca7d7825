/**
 * The bounded wait on a job's long-running operation (UpdateJob, CreateJob): polls with the
 * clients' backoff until the operation is done or the deadline passes, and returns the Job it
 * carries. Giving up says so in a GcpUnavailableError; an operation that failed leaves as its
 * typed GcpError.
 */
import type { protos } from '@google-cloud/run';
import { backoffDelayMs, callGoogle } from './calls';
import type { GcpClients } from './clients';
import { GcpDataError, GcpUnavailableError, toGcpError, type GcpErrorContext } from './errors';

type ProtoJob = protos.google.cloud.run.v2.IJob;

/** What google-gax's LROs and their progress checks have in common. */
export interface OperationLike {
  name?: string | null;
  done?: boolean | null;
  error?: unknown;
  result?: unknown;
}

/** Cloud Run finishes job updates and creates within seconds; give up waiting well after that. */
export const OPERATION_DEADLINE_MS = 120_000;

/** Reads the operation again by name: checkUpdateJobProgress, checkCreateJobProgress, ... */
export type CheckProgress = (operationName: string) => Promise<OperationLike>;

export async function waitForJob(
  clients: GcpClients,
  first: OperationLike,
  context: GcpErrorContext,
  check: CheckProgress,
  timeoutMs = OPERATION_DEADLINE_MS,
): Promise<ProtoJob> {
  let operation = first;
  const deadline = Date.now() + timeoutMs;
  for (let n = 1; !operation.done; n++) {
    if (Date.now() > deadline || !operation.name) {
      throw new GcpUnavailableError(
        `Cloud Run did not finish the operation to ${context.action} within ${timeoutMs / 1000} s; reload the job to see whether it took effect.`,
        { context },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(clients.retry, n)));
    const name = operation.name;
    operation = await callGoogle(clients, 'run.GetOperation', 'read', context, () => check(name));
  }
  if (operation.error) throw toGcpError(operation.error, context);
  if (!operation.result)
    throw new GcpDataError(context.resource ?? 'the job', 'operation.response', 'is missing');
  return operation.result as ProtoJob;
}

/**
 * The Job a dry run (`validate_only`) answers. Cloud Run answers with a done operation carrying the
 * Job with its defaults filled in (the emulator does too); an operation carrying an error is the
 * refusal; one carrying no Job — not done, or done without a response — stands for the job as sent.
 */
export function dryRunJob(
  operation: OperationLike,
  context: GcpErrorContext,
  asSent: () => ProtoJob,
): ProtoJob {
  if (operation.error) throw toGcpError(operation.error, context);
  return operation.done && operation.result ? (operation.result as ProtoJob) : asSent();
}
