import * as grpc from '@grpc/grpc-js';
import { loadServiceDefinitions } from './protos';
import { metricServiceHandlers } from './monitoring/metric-service';
import type { World } from './world/types';

export interface EmulatorOptions {
  world: World;
  /** 0 (default) picks a free port. The emulator only ever listens on 127.0.0.1. */
  port?: number;
}

export interface RunningEmulator {
  readonly port: number;
  /** `127.0.0.1:PORT`, the value for TIERWISE_EMULATOR_HOST. */
  readonly host: string;
  readonly world: World;
  stop(): Promise<void>;
}

/** Serves Cloud Run Admin v2, long-running Operations and Monitoring v3 on one port. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const defs = loadServiceDefinitions();
  const server = new grpc.Server();
  server.addService(defs.metricService, metricServiceHandlers(options.world));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `127.0.0.1:${options.port ?? 0}`,
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );
  return {
    port,
    host: `127.0.0.1:${port}`,
    world: options.world,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 2_000).unref();
      }),
  };
}
