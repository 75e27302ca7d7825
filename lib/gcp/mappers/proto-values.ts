/**
 * Protobuf value quirks, stopped here: int64 arrives as a string (google-gax decodes with
 * `longs: String`), a number, or a Long; Timestamps and Durations are {seconds, nanos} objects.
 * Every reader names the field and resource in the GcpDataError it throws.
 */
import { GcpDataError } from '../errors';

interface LongLike {
  low: number;
  high: number;
  toNumber(): number;
}

export type Int64 = number | string | LongLike | null | undefined;

export interface ProtoTimestamp {
  seconds?: Int64;
  nanos?: number | null;
}

function isLongLike(value: unknown): value is LongLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LongLike).toNumber === 'function'
  );
}

/** A number from an int64/double field; undefined when the field is unset. NaN stays NaN. */
export function numberOf(value: Int64): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? Number.NaN : Number(value);
  if (isLongLike(value)) return value.toNumber();
  return Number.NaN;
}

/** A finite count ≥ 0; unset counts as 0 (proto3 omits zeros). */
export function countOf(value: Int64, resource: string, field: string): number {
  const n = numberOf(value) ?? 0;
  if (!Number.isFinite(n))
    throw new GcpDataError(resource, field, `is not a number (${String(value)})`);
  if (n < 0) throw new GcpDataError(resource, field, `is negative (${n})`);
  if (!Number.isInteger(n)) throw new GcpDataError(resource, field, `is not a whole number (${n})`);
  return n;
}

/** Epoch ms, or undefined when the Timestamp is unset (or the all-zero default). */
export function timestampMs(
  value: ProtoTimestamp | null | undefined,
  resource: string,
  field: string,
): number | undefined {
  if (!value) return undefined;
  const seconds = numberOf(value.seconds) ?? 0;
  const nanos = value.nanos ?? 0;
  if (!Number.isFinite(seconds) || !Number.isFinite(nanos)) {
    throw new GcpDataError(resource, field, `is not a valid time (${String(value.seconds)} s)`);
  }
  if (seconds === 0 && nanos === 0) return undefined;
  if (seconds < 0 || nanos < 0) throw new GcpDataError(resource, field, 'is before 1970');
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

/** Seconds from a Duration; undefined when unset. */
export function durationSeconds(
  value: ProtoTimestamp | null | undefined,
  resource: string,
  field: string,
): number | undefined {
  if (!value) return undefined;
  const seconds = numberOf(value.seconds) ?? 0;
  const total = seconds + (value.nanos ?? 0) / 1e9;
  if (!Number.isFinite(total)) throw new GcpDataError(resource, field, 'is not a valid duration');
  if (total < 0) throw new GcpDataError(resource, field, `is negative (${total} s)`);
  return total;
}

export function protoTimestamp(ms: number): { seconds: string; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1e6 };
}

export interface ResourceName {
  project: string;
  region: string;
  job: string;
  execution?: string;
  task?: string;
}

const NAME_PATTERN =
  /^projects\/([^/]+)\/locations\/([^/]+)\/jobs\/([^/]+)(?:\/executions\/([^/]+)(?:\/tasks\/([^/]+))?)?$/;

/** Splits `projects/P/locations/R/jobs/J[/executions/E[/tasks/T]]`. */
export function parseResourceName(name: string | null | undefined, what: string): ResourceName {
  const match = name ? NAME_PATTERN.exec(name) : null;
  if (!match) {
    throw new GcpDataError(
      what,
      'name',
      name ? `is not a Cloud Run job resource name ("${name}")` : 'is missing',
    );
  }
  const [, project = '', region = '', job = '', execution, task] = match;
  return { project, region, job, execution, task };
}
