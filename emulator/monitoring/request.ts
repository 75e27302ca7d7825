import * as grpc from '@grpc/grpc-js';
import {
  ALIGNERS,
  REDUCERS,
  parseGroupByField,
  type Aligner,
  type GroupByField,
  type Reducer,
} from './aggregation-rules';
import { parseFilter, type ParsedFilter } from './filter';
import { effectivePageSize, requestFingerprint } from './paging';

/** A request Cloud Monitoring (or the emulator) refuses, with the gRPC status to answer with. */
export class RequestError extends Error {
  readonly code: grpc.status;

  constructor(code: grpc.status, message: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }
}

interface ProtoTime {
  seconds?: string | number;
  nanos?: number;
}

interface ProtoAggregation {
  alignmentPeriod?: ProtoTime;
  perSeriesAligner?: string | number;
  crossSeriesReducer?: string | number;
  groupByFields?: string[];
}

/** google.monitoring.v3.ListTimeSeriesRequest as @grpc/proto-loader hands it to the server. */
export interface ListTimeSeriesRequestShape {
  name?: string;
  filter?: string;
  interval?: { startTime?: ProtoTime; endTime?: ProtoTime };
  aggregation?: ProtoAggregation;
  secondaryAggregation?: ProtoAggregation;
  orderBy?: string;
  view?: string | number;
  pageSize?: number;
  pageToken?: string;
}

export interface TimeSeriesQuery {
  readonly filter: ParsedFilter;
  readonly startMs: number;
  readonly endMs: number;
  readonly aligner: Aligner;
  readonly reducer: Reducer;
  /** 0 when the aligner is ALIGN_NONE. */
  readonly periodMs: number;
  readonly groupBy: readonly GroupByField[];
  readonly view: 'FULL' | 'HEADERS';
  readonly pageSize: number;
  readonly pageToken: string;
  /** Identifies the answer, so a page token is only honoured for the request that got it. */
  readonly fingerprint: string;
}

const invalid = (message: string) => new RequestError(grpc.status.INVALID_ARGUMENT, message);

const MAX_PERIOD_SECONDS = 104 * 7 * 24 * 3600;

function toMs(time: ProtoTime): number {
  return Number(time.seconds ?? 0) * 1000 + Math.floor((time.nanos ?? 0) / 1_000_000);
}

function checkName(name: string | undefined, project: string): void {
  if (name && /^(organizations|folders)\/[^/]+$/.test(name)) {
    throw new RequestError(
      grpc.status.UNIMPLEMENTED,
      `the emulator serves projects only; use name "projects/${project}"`,
    );
  }
  const match = /^projects\/([^/\s]+)$/.exec(name ?? '');
  if (!match) {
    throw invalid(`name must be "projects/PROJECT_ID", got "${name ?? ''}"`);
  }
  const id = match[1] as string;
  if (id === project) return;
  const hint = /^\d+$/.test(id)
    ? `project number ${id} is not known`
    : `project "${id}" was not found`;
  throw new RequestError(grpc.status.NOT_FOUND, `${hint}; the emulator serves projects/${project}`);
}

function checkInterval(request: ListTimeSeriesRequestShape): { startMs: number; endMs: number } {
  const end = request.interval?.endTime;
  if (!end) throw invalid('interval.end_time is required');
  const endMs = toMs(end);
  const start = request.interval?.startTime;
  const startMs = start ? toMs(start) : endMs;
  if (startMs > endMs) {
    throw invalid('interval.start_time must not be later than interval.end_time');
  }
  return { startMs, endMs };
}

function enumValue<T extends string>(
  field: string,
  value: string | number | undefined,
  served: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === 0) return fallback;
  if (typeof value === 'string' && (served as readonly string[]).includes(value)) return value as T;
  if (typeof value === 'string') {
    throw new RequestError(
      grpc.status.UNIMPLEMENTED,
      `${field} ${value} is not served by the emulator; use one of ${served.join(', ')}`,
    );
  }
  throw invalid(`${field} has an unknown value ${value}`);
}

function checkPeriod(aggregation: ProtoAggregation, aligner: Aligner): number {
  if (aligner === 'ALIGN_NONE') return 0;
  const period = aggregation.alignmentPeriod;
  const periodMs = period ? toMs(period) : 0;
  if (periodMs <= 0) {
    throw invalid(`aggregation.alignment_period is required when per_series_aligner is ${aligner}`);
  }
  if (periodMs < 60_000) {
    throw invalid(
      `aggregation.alignment_period must be at least 60 seconds, got ${periodMs / 1000} s`,
    );
  }
  if (periodMs > MAX_PERIOD_SECONDS * 1000) {
    throw invalid('aggregation.alignment_period must be at most 104 weeks');
  }
  return periodMs;
}

function checkAggregation(aggregation: ProtoAggregation = {}) {
  const aligner = enumValue(
    'per_series_aligner',
    aggregation.perSeriesAligner,
    ALIGNERS,
    'ALIGN_NONE',
  );
  const reducer = enumValue(
    'cross_series_reducer',
    aggregation.crossSeriesReducer,
    REDUCERS,
    'REDUCE_NONE',
  );
  const periodMs = checkPeriod(aggregation, aligner);
  if (reducer !== 'REDUCE_NONE' && aligner === 'ALIGN_NONE') {
    throw invalid(
      `cross_series_reducer ${reducer} requires a per_series_aligner other than ALIGN_NONE`,
    );
  }
  const groupByFields = reducer === 'REDUCE_NONE' ? [] : (aggregation.groupByFields ?? []);
  return {
    aligner,
    reducer,
    periodMs,
    groupByFields,
    groupBy: groupByFields.map(parseGroupByField),
  };
}

function isSet(aggregation: ProtoAggregation | undefined): boolean {
  if (!aggregation) return false;
  return Boolean(
    aggregation.alignmentPeriod ||
    (aggregation.perSeriesAligner && aggregation.perSeriesAligner !== 'ALIGN_NONE') ||
    (aggregation.crossSeriesReducer && aggregation.crossSeriesReducer !== 'REDUCE_NONE') ||
    aggregation.groupByFields?.length,
  );
}

/** Validates a ListTimeSeries request the way Cloud Monitoring does; throws RequestError & co. */
export function parseListTimeSeriesRequest(
  request: ListTimeSeriesRequestShape,
  project: string,
): TimeSeriesQuery {
  checkName(request.name, project);
  const filter = parseFilter(request.filter ?? '');
  const { startMs, endMs } = checkInterval(request);
  const aggregation = checkAggregation(request.aggregation);
  if (isSet(request.secondaryAggregation)) {
    throw new RequestError(
      grpc.status.UNIMPLEMENTED,
      'secondary_aggregation is not served by the emulator',
    );
  }
  if (request.orderBy) throw invalid('order_by is unsupported and must be left blank');
  const view = enumValue('view', request.view, ['FULL', 'HEADERS'] as const, 'FULL');
  if ((request.pageSize ?? 0) < 0) throw invalid('page_size must not be negative');
  const { groupBy, groupByFields, ...ops } = aggregation;
  return {
    filter,
    startMs,
    endMs,
    ...ops,
    groupBy,
    view,
    pageSize: effectivePageSize(request.pageSize ?? 0),
    pageToken: request.pageToken ?? '',
    fingerprint: requestFingerprint({
      name: request.name,
      filter: request.filter,
      startMs,
      endMs,
      ...ops,
      groupByFields,
      view,
    }),
  };
}
