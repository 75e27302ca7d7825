/**
 * Typed failures of Google Cloud calls, each with a message a user can act on. `toGcpError` maps
 * a gRPC status (what google-gax throws) to one of them; `GcpDataError` is for answers that arrived
 * but cannot be trusted.
 */

/** gRPC canonical status codes used here (google.rpc.Code). */
export const GrpcCode = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** What the failing call was for: it decides which IAM role a permission error names. */
export type GcpAccess = 'run.read' | 'run.write' | 'run.create' | 'monitoring.read';

export interface GcpErrorContext {
  /** e.g. "list executions of reel-stitching-job". */
  readonly action: string;
  /** Full resource name the call was about, when there is one. */
  readonly resource?: string;
  readonly access: GcpAccess;
}

export class GcpError extends Error {
  readonly code: number | undefined;
  readonly action: string | undefined;
  readonly resource: string | undefined;

  constructor(
    message: string,
    options: { code?: number; context?: GcpErrorContext; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GcpError';
    this.code = options.code;
    this.action = options.context?.action;
    this.resource = options.context?.resource;
  }
}

export class GcpNotFoundError extends GcpError {
  override name = 'GcpNotFoundError';
}

export class GcpConflictError extends GcpError {
  override name = 'GcpConflictError';
}

/** The resource to create exists already (ALREADY_EXISTS). */
export class GcpAlreadyExistsError extends GcpError {
  override name = 'GcpAlreadyExistsError';
}

export class GcpInvalidArgumentError extends GcpError {
  override name = 'GcpInvalidArgumentError';
  /** The request field Google named, e.g. `job.template.template.containers[0].resources.limits`. */
  field: string | undefined;
}

export class GcpPermissionError extends GcpError {
  override name = 'GcpPermissionError';
  /** IAM roles that grant the missing permission. */
  roles: readonly string[] = [];
}

export class GcpUnavailableError extends GcpError {
  override name = 'GcpUnavailableError';
}

export class GcpQuotaError extends GcpError {
  override name = 'GcpQuotaError';
}

/** A response that arrived but is malformed; names the field and the resource it came from. */
export class GcpDataError extends GcpError {
  override name = 'GcpDataError';
  readonly field: string;
  readonly problem: string;

  constructor(resource: string, field: string, problem: string) {
    super(`Google returned unusable data: ${field} of ${resource} ${problem}.`, {
      context: { action: 'read', resource, access: 'run.read' },
    });
    this.field = field;
    this.problem = problem;
  }
}

export const ROLES_BY_ACCESS: Readonly<Record<GcpAccess, readonly string[]>> = {
  'run.read': ['roles/run.viewer'],
  'monitoring.read': ['roles/monitoring.viewer'],
  'run.write': ['roles/run.developer', 'roles/iam.serviceAccountUser'],
  'run.create': ['roles/run.developer', 'roles/iam.serviceAccountUser'],
};

interface StatusLike {
  code?: unknown;
  details?: unknown;
  message?: unknown;
  statusDetails?: unknown;
}

function statusOf(err: unknown): { code: number | undefined; detail: string; raw: StatusLike } {
  const raw: StatusLike = typeof err === 'object' && err !== null ? (err as StatusLike) : {};
  const code = typeof raw.code === 'number' ? raw.code : undefined;
  const details = typeof raw.details === 'string' && raw.details ? raw.details : undefined;
  const message = typeof raw.message === 'string' ? raw.message : String(err);
  return { code, detail: details ?? message, raw };
}

/** The first field a google.rpc.BadRequest detail names, else a `field "x"` mention. */
function violatedField(raw: StatusLike, detail: string): string | undefined {
  if (Array.isArray(raw.statusDetails)) {
    for (const entry of raw.statusDetails as unknown[]) {
      const violations = (entry as { fieldViolations?: unknown })?.fieldViolations;
      if (!Array.isArray(violations)) continue;
      const field = (violations[0] as { field?: unknown } | undefined)?.field;
      if (typeof field === 'string' && field) return field;
    }
  }
  return /field[: ]+["'`]?([\w.[\]]+)["'`]?/i.exec(detail)?.[1];
}

function about(context: GcpErrorContext): string {
  return context.resource ? `${context.action} (${context.resource})` : context.action;
}

/** Maps whatever a Google client threw to a typed error; GcpErrors pass through unchanged. */
export function toGcpError(err: unknown, context: GcpErrorContext): GcpError {
  if (err instanceof GcpError) return err;
  const { code, detail, raw } = statusOf(err);
  const options = { code, context, cause: err };
  const what = about(context);
  switch (code) {
    case GrpcCode.NOT_FOUND:
      return new GcpNotFoundError(
        `Could not ${what}: it does not exist. Check the project, region and job name. (${detail})`,
        options,
      );
    case GrpcCode.ALREADY_EXISTS:
      // The taken name may belong to a job Tierwise cannot read; name the role that shows it.
      return new GcpAlreadyExistsError(
        `Could not ${what}: that name is taken in the project and region; choose another name. If Tierwise does not list the existing one, grant the identity it runs as ${ROLES_BY_ACCESS['run.read'].join(' and ')} on the project to see it. (${detail})`,
        options,
      );
    case GrpcCode.FAILED_PRECONDITION:
      // AIP-154 answers a stale etag with ABORTED; a precondition failure is a conflict only when
      // it names the etag, otherwise Google's own reason is the useful message.
      if (!/etag/i.test(detail)) {
        return new GcpError(`Cloud Run refused to ${what}: ${detail}`, options);
      }
      return new GcpConflictError(
        `Could not ${what}: the job changed since it was read; reload and review. (${detail})`,
        options,
      );
    case GrpcCode.ABORTED:
      return new GcpConflictError(
        `Could not ${what}: the job changed since it was read; reload and review. (${detail})`,
        options,
      );
    case GrpcCode.INVALID_ARGUMENT: {
      const field = violatedField(raw, detail);
      const error = new GcpInvalidArgumentError(
        `Google rejected the request to ${what}${field ? `: field ${field} is invalid` : ''}. ${detail}`,
        options,
      );
      error.field = field;
      return error;
    }
    case GrpcCode.PERMISSION_DENIED:
    case GrpcCode.UNAUTHENTICATED:
      return permissionError(what, detail, options, context.access);
    case GrpcCode.UNAVAILABLE:
    case GrpcCode.DEADLINE_EXCEEDED:
      return new GcpUnavailableError(
        `Google Cloud did not answer when trying to ${what}; try again in a minute. (${detail})`,
        options,
      );
    case GrpcCode.RESOURCE_EXHAUSTED:
      return new GcpQuotaError(
        `Google Cloud API quota ran out while trying to ${what}; wait a minute or raise the quota. (${detail})`,
        options,
      );
    default:
      return new GcpError(`Could not ${what}: ${detail}`, options);
  }
}

function permissionError(
  what: string,
  detail: string,
  options: { code?: number; context: GcpErrorContext; cause: unknown },
  access: GcpAccess,
): GcpPermissionError {
  const roles = ROLES_BY_ACCESS[access];
  const grant =
    access === 'run.write'
      ? `${roles[0]} on the job and ${roles[1]} on its service account`
      : access === 'run.create'
        ? `${roles[0]} on the project (creating jobs is granted there) and ${roles[1]} on the job's service account`
        : roles.join(' and ');
  const error = new GcpPermissionError(
    `Not allowed to ${what}. Grant the identity Tierwise runs as ${grant}. (${detail})`,
    options,
  );
  error.roles = roles;
  return error;
}

export function isRetryable(err: unknown): boolean {
  const code = statusOf(err).code;
  return code === GrpcCode.UNAVAILABLE || code === GrpcCode.RESOURCE_EXHAUSTED;
}
