import { invalidArgument, notFound } from './rpc-error';

/** The project and region a name must carry; anything else is a resource that does not exist. */
export interface Place {
  readonly project: string;
  readonly region: string;
}

/** `-` in a list parent stands for every job or every execution, as in Cloud Run. */
export const WILDCARD = '-';

const SEGMENT = '([^/]+)';
const PATTERNS = {
  location: {
    re: new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}$`),
    shape: 'projects/{project}/locations/{location}',
  },
  job: {
    re: new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/jobs/${SEGMENT}$`),
    shape: 'projects/{project}/locations/{location}/jobs/{job}',
  },
  execution: {
    re: new RegExp(
      `^projects/${SEGMENT}/locations/${SEGMENT}/jobs/${SEGMENT}/executions/${SEGMENT}$`,
    ),
    shape: 'projects/{project}/locations/{location}/jobs/{job}/executions/{execution}',
  },
  task: {
    re: new RegExp(
      `^projects/${SEGMENT}/locations/${SEGMENT}/jobs/${SEGMENT}/executions/${SEGMENT}/tasks/${SEGMENT}$`,
    ),
    shape: 'projects/{project}/locations/{location}/jobs/{job}/executions/{execution}/tasks/{task}',
  },
} as const;

type Kind = keyof typeof PATTERNS;

/** Splits a name of the given kind; returns the segments after project and location. */
function parse(place: Place, kind: Kind, field: string, name: unknown, noun: string): string[] {
  const { re, shape } = PATTERNS[kind];
  const match = typeof name === 'string' ? re.exec(name) : null;
  if (!match) {
    throw invalidArgument(`${field} must look like ${shape}, got ${JSON.stringify(name ?? '')}`, [
      { field, description: `must look like ${shape}` },
    ]);
  }
  const [, project, location, ...rest] = match as unknown as string[];
  if (project === WILDCARD || location === WILDCARD) {
    throw invalidArgument(`${field}: the project and location cannot be a wildcard`);
  }
  if (project !== place.project || location !== place.region)
    throw notFound(`${noun} ${name} was not found`);
  return rest;
}

export function parseLocationName(place: Place, name: unknown, field = 'parent'): void {
  parse(place, 'location', field, name, 'location');
}

function noWildcard(field: string, ids: string[]): void {
  if (ids.includes(WILDCARD)) {
    throw invalidArgument(
      `${field}: a wildcard "-" is allowed only in the parent of a list request`,
    );
  }
}

export function parseJobName(place: Place, name: unknown, field = 'name'): { jobId: string } {
  const [jobId = ''] = parse(place, 'job', field, name, 'job');
  noWildcard(field, [jobId]);
  return { jobId };
}

/** A ListExecutions parent; `jobId` is undefined for `jobs/-`. */
export function parseJobParent(place: Place, name: unknown): { jobId?: string } {
  const [jobId = ''] = parse(place, 'job', 'parent', name, 'job');
  return jobId === WILDCARD ? {} : { jobId };
}

export interface ExecutionRef {
  readonly jobId: string;
  readonly executionId: string;
}

export function parseExecutionName(place: Place, name: unknown, field = 'name'): ExecutionRef {
  const [jobId = '', executionId = ''] = parse(place, 'execution', field, name, 'execution');
  noWildcard(field, [jobId, executionId]);
  return { jobId, executionId };
}

/** A ListTasks parent; either id is undefined where the name has `-`. */
export function parseExecutionParent(
  place: Place,
  name: unknown,
): { jobId?: string; executionId?: string } {
  const [jobId = '', executionId = ''] = parse(place, 'execution', 'parent', name, 'execution');
  return {
    ...(jobId === WILDCARD ? {} : { jobId }),
    ...(executionId === WILDCARD ? {} : { executionId }),
  };
}

export function parseTaskName(place: Place, name: unknown): ExecutionRef & { taskId: string } {
  const [jobId = '', executionId = '', taskId = ''] = parse(place, 'task', 'name', name, 'task');
  noWildcard('name', [jobId, executionId, taskId]);
  return { jobId, executionId, taskId };
}

const base = (place: Place) => `projects/${place.project}/locations/${place.region}`;
export const formatLocationName = (place: Place) => base(place);
export const formatJobName = (place: Place, jobId: string) => `${base(place)}/jobs/${jobId}`;
export const formatExecutionName = (place: Place, jobId: string, executionId: string) =>
  `${formatJobName(place, jobId)}/executions/${executionId}`;
/** Cloud Run names a task after its execution and index. */
export const taskId = (executionId: string, index: number) => `${executionId}-task${index}`;
export const formatTaskName = (place: Place, jobId: string, executionId: string, index: number) =>
  `${formatExecutionName(place, jobId, executionId)}/tasks/${taskId(executionId, index)}`;
