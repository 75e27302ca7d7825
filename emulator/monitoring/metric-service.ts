import * as grpc from '@grpc/grpc-js';
import type { World } from '../world/types';

/** Handlers for google.monitoring.v3.MetricService; only ListTimeSeries is served. */
export function metricServiceHandlers(world: World): grpc.UntypedServiceImplementation {
  void world;
  return {};
}
