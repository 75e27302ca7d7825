import type { protos } from '@google-cloud/run';

type Job = protos.google.cloud.run.v2.IJob;

export interface Change {
  cpu?: string;
  memory?: string;
  timeoutSeconds?: number;
  timeoutNanos?: number;
  maxRetries?: number;
}

/** The job as read, with some limits changed: a whole-job replacement as UpdateJob takes it. */
export function changed(job: Job, change: Change): Job {
  const task = job.template?.template ?? {};
  const container = task.containers?.[0] ?? {};
  const limits = container.resources?.limits ?? {};
  return {
    ...job,
    template: {
      ...job.template,
      template: {
        ...task,
        containers: [
          {
            ...container,
            resources: {
              limits: {
                ...limits,
                ...(change.cpu && { cpu: change.cpu }),
                ...(change.memory && { memory: change.memory }),
              },
            },
          },
        ],
        ...(change.timeoutSeconds !== undefined && {
          timeout: { seconds: change.timeoutSeconds, nanos: change.timeoutNanos ?? 0 },
        }),
        ...(change.maxRetries !== undefined && { maxRetries: change.maxRetries }),
      },
    },
  };
}
