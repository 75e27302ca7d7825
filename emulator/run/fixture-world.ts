import { StaticWorld } from '../world/static-world';
import type { SimAttempt, SimExecution, SimJob, SimTaskTemplate } from '../world/types';

/** A small hand-made project for conformance tests of the Cloud Run services. */
export const FIXTURE_PROJECT = 'tierwise-demo';
export const FIXTURE_REGION = 'europe-west1';
export const FIXTURE_NOW_MS = Date.UTC(2025, 4, 20, 12, 0, 0);
const MINUTE_MS = 60_000;

const reelTemplate: SimTaskTemplate = {
  image: 'europe-docker.pkg.dev/tierwise-demo/reels/stitcher:1.4',
  limits: { cpu: '2', memory: '4Gi' },
  env: [{ name: 'LOG_LEVEL', value: 'info' }],
  timeoutSeconds: 600,
  maxRetries: 3,
  serviceAccount: 'reel-stitcher@tierwise-demo.iam.gserviceaccount.com',
};

function job(id: string, template: SimTaskTemplate, executionCount: number): SimJob {
  return {
    id,
    uid: `uid-${id}`,
    generation: 1,
    etag: `"${id}-g1"`,
    createMs: FIXTURE_NOW_MS - 30 * 24 * 60 * MINUTE_MS,
    updateMs: FIXTURE_NOW_MS - 30 * 24 * 60 * MINUTE_MS,
    labels: { team: 'video' },
    taskCount: 1,
    parallelism: 1,
    template,
    executionCount,
    latestExecutionId: `${id}-${String(executionCount).padStart(5, '0')}`,
  };
}

const ok = (startMs: number, seconds: number): SimAttempt => ({
  startMs,
  endMs: startMs + seconds * 1000,
  outcome: 'succeeded',
  exitCode: 0,
});

/** Execution number `n` of a job, `minutesAgo` before now, with the given attempts for task 0. */
function execution(
  jobId: string,
  n: number,
  minutesAgo: number,
  attempts: (startMs: number) => SimAttempt[],
): SimExecution {
  const createMs = FIXTURE_NOW_MS - minutesAgo * MINUTE_MS;
  const tries = attempts(createMs + 2000);
  const last = tries.at(-1);
  const done = last?.outcome !== 'running';
  const succeeded = last?.outcome === 'succeeded';
  return {
    id: `${jobId}-${String(n).padStart(5, '0')}`,
    jobId,
    uid: `uid-${jobId}-${n}`,
    jobGeneration: 1,
    createMs,
    startMs: createMs + 2000,
    ...(done && { completionMs: last?.endMs }),
    template: {
      ...reelTemplate,
      env: [...reelTemplate.env, { name: 'JOB_PAYLOAD', value: `{"clips":${n % 7}}` }],
    },
    taskCount: 1,
    parallelism: 1,
    tasks: [{ index: 0, attempts: tries }],
    runningCount: done ? 0 : 1,
    succeededCount: done && succeeded ? 1 : 0,
    failedCount: done && !succeeded ? 1 : 0,
    // Tasks that retried at least once (execution.proto), not retries: one task here.
    retriedCount: tries.length > 1 ? 1 : 0,
    cancelledCount: 0,
  };
}

const REEL = 'reel-stitching-job';
const THUMBS = 'thumbnail-job';

/** An OOM then a success; OOM on every attempt; timeout on every attempt; one still running. */
export const RETRIED_EXECUTION_ID = `${REEL}-00003`;
export const OOM_EXECUTION_ID = `${REEL}-00004`;
export const TIMEOUT_EXECUTION_ID = `${REEL}-00005`;
export const RUNNING_EXECUTION_ID = `${REEL}-00007`;

export function fixtureWorld(): StaticWorld {
  const reel = Array.from({ length: 7 }, (_, i) => {
    const n = i + 1;
    const minutesAgo = (8 - n) * 45;
    if (n === 3) {
      return execution(REEL, n, minutesAgo, (t) => [
        { startMs: t, endMs: t + 40_000, outcome: 'oom', exitCode: 137 },
        ok(t + 50_000, 70),
      ]);
    }
    if (n === 4) {
      return execution(REEL, n, minutesAgo, (t) =>
        [0, 1, 2, 3].map((a) => ({
          startMs: t + a * 60_000,
          endMs: t + a * 60_000 + 45_000,
          // Killed by Cloud Run's memory limit: SIGKILL and the message, no exit code.
          outcome: 'oom' as const,
          termSignal: 9,
        })),
      );
    }
    if (n === 5) {
      return execution(REEL, n, minutesAgo, (t) =>
        [0, 1, 2, 3].map((a) => ({
          startMs: t + a * 610_000,
          endMs: t + a * 610_000 + 600_000,
          outcome: 'timeout' as const,
          termSignal: 9,
        })),
      );
    }
    if (n === 7) return execution(REEL, n, 1, (t) => [{ startMs: t, outcome: 'running' }]);
    return execution(REEL, n, minutesAgo, (t) => [ok(t, 60 + n)]);
  });
  const thumbs = [1, 2, 3].map((n) => execution(THUMBS, n, n * 100 + 7, (t) => [ok(t, 12)]));
  return new StaticWorld({
    project: FIXTURE_PROJECT,
    region: FIXTURE_REGION,
    now: FIXTURE_NOW_MS,
    jobs: [
      job(REEL, reelTemplate, 7),
      job(THUMBS, { ...reelTemplate, limits: { cpu: '1', memory: '512Mi' } }, 3),
    ],
    executions: [...reel, ...thumbs],
  });
}

export const FIXTURE_PARENT = `projects/${FIXTURE_PROJECT}/locations/${FIXTURE_REGION}`;
export const REEL_JOB_NAME = `${FIXTURE_PARENT}/jobs/${REEL}`;
export const THUMBNAIL_JOB_NAME = `${FIXTURE_PARENT}/jobs/${THUMBS}`;
