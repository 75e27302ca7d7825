import type { protos } from '@google-cloud/run';
import type { TaskOutcome } from '@/lib/domain/records';
import { GrpcCode } from '../errors';

type AttemptResult = protos.google.cloud.run.v2.ITaskAttemptResult;
type Condition = protos.google.cloud.run.v2.ICondition;

/** The kernel's OOM killer ends the container with SIGKILL, which a shell reports as 128 + 9. */
export const OOM_EXIT_CODE = 137;

/**
 * Cloud Run's own wording, as recorded in exported payloads (sources in
 * `__fixtures__/task-failures.json`): "Memory limit of 4096 MiB exceeded with 4133 MiB used.
 * Consider increasing the memory limit, …" and "The configured timeout was reached."
 */
const OOM_WORDS = /memory limit of .* exceeded|out of memory|\boom[- ]?kill/i;
const TIMEOUT_WORDS = /configured timeout was reached|timed? ?out|deadline exceeded/i;

const STATUS_OK = 0;
const CONDITION_FAILED = 3;

function isFailedCondition(condition: Condition): boolean {
  const state = condition.state as unknown;
  return state === 'CONDITION_FAILED' || state === CONDITION_FAILED;
}

/** What the words say, when they name a reason: a status message or a failed task condition. */
function reasonInWords(
  result: AttemptResult | null | undefined,
  conditions: readonly Condition[],
): 'oom' | 'timeout' | undefined {
  const messages = [
    result?.status?.message ?? '',
    ...conditions.filter(isFailedCondition).map((condition) => condition.message ?? ''),
  ];
  if (messages.some((message) => OOM_WORDS.test(message))) return 'oom';
  if (messages.some((message) => TIMEOUT_WORDS.test(message))) return 'timeout';
  return undefined;
}

/**
 * How the last attempt ended, from every signal Cloud Run gives: the status message and the task's
 * failed conditions first (they name the reason), then exit code 137, then the status code. A term
 * signal alone says the system killed the container, not why (an OOM kill and a timeout both end
 * in SIGKILL), so such an attempt is "failed, reason unknown" rather than a guess.
 */
export function attemptOutcome(
  result: AttemptResult | null | undefined,
  completed: boolean,
  conditions: readonly Condition[] = [],
): TaskOutcome {
  if (!completed) return 'running';
  const exitCode = result?.exitCode ?? 0;
  const termSignal = result?.termSignal ?? 0;
  const statusCode = result?.status?.code ?? STATUS_OK;
  const clean = result && exitCode === 0 && termSignal === 0 && statusCode === STATUS_OK;
  if (clean) return 'succeeded';
  const words = reasonInWords(result, conditions);
  if (words) return words;
  if (exitCode === OOM_EXIT_CODE) return 'oom';
  if (statusCode === GrpcCode.DEADLINE_EXCEEDED) return 'timeout';
  if (exitCode !== 0) return 'error';
  return 'unknown';
}
