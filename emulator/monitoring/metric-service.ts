import * as grpc from '@grpc/grpc-js';
import { loadServiceDefinitions } from '../protos';
import type { World } from '../world/types';
import { alignSeries, clipPoints, reduceSeries, sortSeries, type ResultSeries } from './aggregate';
import { AggregationError, alignedShape, reducedShape } from './aggregation-rules';
import { BucketLayoutMismatchError } from './distribution';
import { FilterSyntaxError } from './filter';
import { describeMetric } from './metric-descriptors';
import { PageTokenError, decodePageToken, encodePageToken, takePage } from './paging';
import {
  RequestError,
  parseListTimeSeriesRequest,
  type ListTimeSeriesRequestShape,
  type TimeSeriesQuery,
} from './request';
import { toProtoTimeSeries } from './to-proto';

/** Every series the query selects, aligned and reduced, in a stable order, all points newest first. */
export function runTimeSeriesQuery(world: World, query: TimeSeriesQuery): ResultSeries[] {
  const selected = world.timeSeries(query.filter.metricType).filter((s) => query.filter.matches(s));
  const shape = selected[0] ?? describeMetric(query.filter.metricType);
  // A metric type with no data and no descriptor is answered with nothing, as Google does.
  if (!shape) return [];
  reducedShape(query.reducer, alignedShape(query.aligner, shape));
  const aligned: ResultSeries[] = [];
  for (const series of selected) {
    const points = clipPoints(series.points, series.metricKind, query.startMs, query.endMs);
    if (points.length === 0) continue;
    const result = alignSeries({ ...series, points }, query.aligner, query.periodMs, query.endMs);
    if (result.points.length > 0) aligned.push(result);
  }
  const reduced = reduceSeries(aligned, query.reducer, query.groupBy);
  return sortSeries(reduced.filter((s) => s.points.length > 0));
}

export interface ListTimeSeriesResponseShape {
  timeSeries: Record<string, unknown>[];
  nextPageToken: string;
  unit: string;
}

/** google.monitoring.v3.MetricService.ListTimeSeries over the world; throws on a bad request. */
export function listTimeSeries(
  world: World,
  request: ListTimeSeriesRequestShape,
): ListTimeSeriesResponseShape {
  const query = parseListTimeSeriesRequest(request, world.project);
  const cursor = query.pageToken
    ? decodePageToken(query.pageToken, query.fingerprint)
    : { series: 0, point: 0 };
  const all = runTimeSeriesQuery(world, query);
  const headersOnly = query.view === 'HEADERS';
  const page = takePage(all, cursor, query.pageSize, !headersOnly);
  const series = headersOnly ? page.series.map((s) => ({ ...s, points: [] })) : page.series;
  return {
    timeSeries: series.map(toProtoTimeSeries),
    nextPageToken: page.next ? encodePageToken(query.fingerprint, page.next) : '',
    unit: all[0]?.unit ?? '',
  };
}

function toStatus(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof RequestError) return { code: error.code, details: error.message };
  if (
    error instanceof FilterSyntaxError ||
    error instanceof AggregationError ||
    error instanceof PageTokenError
  ) {
    return { code: grpc.status.INVALID_ARGUMENT, details: error.message };
  }
  if (error instanceof BucketLayoutMismatchError) {
    return { code: grpc.status.FAILED_PRECONDITION, details: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: grpc.status.INTERNAL, details: `emulator failure: ${message}` };
}

/** Handlers for google.monitoring.v3.MetricService; only ListTimeSeries is served. */
export function metricServiceHandlers(world: World): grpc.UntypedServiceImplementation {
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const method of Object.keys(loadServiceDefinitions().metricService)) {
    handlers[method] = (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
      callback({
        code: grpc.status.UNIMPLEMENTED,
        details: `MetricService.${method} is not served by the emulator; only ListTimeSeries is`,
      });
  }
  handlers.ListTimeSeries = (
    call: grpc.ServerUnaryCall<ListTimeSeriesRequestShape, ListTimeSeriesResponseShape>,
    callback: grpc.sendUnaryData<ListTimeSeriesResponseShape>,
  ) => {
    try {
      callback(null, listTimeSeries(world, call.request));
    } catch (error) {
      callback(toStatus(error));
    }
  };
  return handlers;
}
