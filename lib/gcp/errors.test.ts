import { describe, expect, it } from 'vitest';
import {
  GcpAlreadyExistsError,
  GcpConflictError,
  GcpError,
  GcpInvalidArgumentError,
  GcpNotFoundError,
  GcpPermissionError,
  GcpQuotaError,
  GcpUnavailableError,
  isRetryable,
  toGcpError,
  type GcpErrorContext,
} from './errors';

const read: GcpErrorContext = {
  action: 'list executions of reel-stitching-job',
  resource: 'projects/p/locations/us-central1/jobs/reel-stitching-job',
  access: 'run.read',
};
const grpcError = (code: number, details: string, extra: object = {}) =>
  Object.assign(new Error(`${code} X: ${details}`), { code, details, ...extra });

describe('toGcpError', () => {
  it.each([
    [5, GcpNotFoundError, /does not exist/],
    [6, GcpAlreadyExistsError, /name is taken.*roles\/run\.viewer on the project/],
    [10, GcpConflictError, /changed since it was read; reload and review/],
    [14, GcpUnavailableError, /try again/],
    [4, GcpUnavailableError, /try again/],
    [8, GcpQuotaError, /quota/],
    [13, GcpError, /Could not list executions/],
  ])('maps gRPC code %i', (code, type, message) => {
    const error = toGcpError(grpcError(code, 'server said so'), read);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('server said so');
    expect(error.code).toBe(code);
    expect(error.resource).toBe(read.resource);
  });

  it('names the job whose name is taken', () => {
    const create: GcpErrorContext = {
      action: 'create job reel-small',
      resource: 'projects/p/locations/us-central1/jobs/reel-small',
      access: 'run.create',
    };
    const error = toGcpError(grpcError(6, 'job already exists'), create);
    expect(error).toBeInstanceOf(GcpAlreadyExistsError);
    expect(error.message).toMatch(
      /^Could not create job reel-small \(projects\/.*\/jobs\/reel-small\)/,
    );
  });

  it('treats a failed precondition as a conflict only when it is about the etag', () => {
    expect(toGcpError(grpcError(9, 'etag mismatch'), read)).toBeInstanceOf(GcpConflictError);
    const other = toGcpError(grpcError(9, 'job is being deleted'), read);
    expect(other).not.toBeInstanceOf(GcpConflictError);
    expect(other.message).toContain('job is being deleted');
  });

  it.each([
    ['run.read', ['roles/run.viewer']],
    ['monitoring.read', ['roles/monitoring.viewer']],
    ['run.write', ['roles/run.developer', 'roles/iam.serviceAccountUser']],
    ['run.create', ['roles/run.developer', 'roles/iam.serviceAccountUser']],
  ] as const)('names the roles needed for %s', (access, roles) => {
    const error = toGcpError(grpcError(7, 'denied'), { ...read, access });
    expect(error).toBeInstanceOf(GcpPermissionError);
    expect((error as GcpPermissionError).roles).toEqual(roles);
    for (const role of roles) expect(error.message).toContain(role);
  });

  it('names the field Google reports in a BadRequest detail', () => {
    const err = grpcError(3, 'invalid memory', {
      statusDetails: [
        {
          fieldViolations: [
            {
              field: 'job.template.template.containers[0].resources.limits.memory',
              description: 'too big',
            },
          ],
        },
      ],
    });
    const error = toGcpError(err, { ...read, access: 'run.write' });
    expect(error).toBeInstanceOf(GcpInvalidArgumentError);
    expect((error as GcpInvalidArgumentError).field).toBe(
      'job.template.template.containers[0].resources.limits.memory',
    );
    expect(error.message).toContain('limits.memory is invalid');
  });

  it('leaves the field unset when Google does not name one', () => {
    const error = toGcpError(grpcError(3, 'bad request'), read) as GcpInvalidArgumentError;
    expect(error.field).toBeUndefined();
  });

  it('passes typed errors through and wraps plain ones', () => {
    const typed = new GcpNotFoundError('gone');
    expect(toGcpError(typed, read)).toBe(typed);
    expect(toGcpError('boom', read).message).toContain('boom');
  });

  it('retries only unavailable and quota errors', () => {
    expect([14, 8, 10, 3, 5, undefined].map((code) => isRetryable({ code }))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
