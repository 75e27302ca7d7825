import type { protos } from '@google-cloud/monitoring';
import { createClients, type GcpClients } from '@/lib/gcp/clients';
import { startEmulator, type RunningEmulator } from '../server';
import { PROJECT, T0_MS, at, fixtureWorld } from './conformance-fixture';

type ITimeSeries = protos.google.monitoring.v3.ITimeSeries;
type ITimestamp = protos.google.protobuf.ITimestamp;
export type ListRequest = protos.google.monitoring.v3.IListTimeSeriesRequest;

/** A distribution as the tests compare it: plain numbers instead of int64 strings. */
export interface CompactDistribution {
  count: number;
  mean: number;
  sumOfSquaredDeviation: number;
  bucketCounts: number[];
}

/** A point with its interval in minutes after T0, as the fixture is written. */
export interface CompactPoint {
  from: number;
  to: number;
  value: number | CompactDistribution | undefined;
}

export interface CompactSeries {
  metricLabels: Record<string, string>;
  resourceLabels: Record<string, string>;
  kind: string;
  type: string;
  points: CompactPoint[];
}

const minuteOf = (t: ITimestamp | null | undefined) =>
  (Number(t?.seconds ?? 0) * 1000 + Math.round((t?.nanos ?? 0) / 1e6) - T0_MS) / 60_000;

function compactValue(value: protos.google.monitoring.v3.ITypedValue | null | undefined) {
  if (value?.doubleValue !== undefined && value.doubleValue !== null) return value.doubleValue;
  if (value?.int64Value !== undefined && value.int64Value !== null) return Number(value.int64Value);
  const d = value?.distributionValue;
  if (!d) return undefined;
  return {
    count: Number(d.count),
    mean: d.mean ?? 0,
    sumOfSquaredDeviation: d.sumOfSquaredDeviation ?? 0,
    bucketCounts: (d.bucketCounts ?? []).map(Number),
  };
}

export function compact(series: ITimeSeries): CompactSeries {
  return {
    metricLabels: { ...(series.metric?.labels ?? {}) },
    resourceLabels: { ...(series.resource?.labels ?? {}) },
    kind: String(series.metricKind),
    type: String(series.valueType),
    points: (series.points ?? []).map((p) => ({
      from: minuteOf(p.interval?.startTime),
      to: minuteOf(p.interval?.endTime),
      value: compactValue(p.value),
    })),
  };
}

const timestamp = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/** A ListTimeSeries request for the fixture project over (fromMinute, toMinute]. */
export function listRequest(
  metricType: string,
  fromMinute: number,
  toMinute: number,
  extra: ListRequest = {},
): ListRequest {
  return {
    name: `projects/${PROJECT}`,
    filter: `metric.type = "${metricType}"`,
    interval: { startTime: timestamp(at(fromMinute)), endTime: timestamp(at(toMinute)) },
    ...extra,
  };
}

export interface Harness {
  emulator: RunningEmulator;
  clients: GcpClients;
  /** One page, compacted. */
  list(request: ListRequest): Promise<CompactSeries[]>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const emulator = await startEmulator({ world: fixtureWorld() });
  const clients = createClients({ emulatorHost: emulator.host });
  return {
    emulator,
    clients,
    async list(request) {
      const [series] = await clients.metrics.listTimeSeries(request, { autoPaginate: false });
      return series.map(compact);
    },
    async stop() {
      await clients.close();
      await emulator.stop();
    },
  };
}
