import * as grpc from '@grpc/grpc-js';
import { faultDecider, NO_FAULTS, withFaults, type FaultSpec } from './faults';
import { loadServiceDefinitions } from './protos';
import { metricServiceHandlers } from './monitoring/metric-service';
import { executionsHandlers } from './run/executions-service';
import { jobsHandlers } from './run/jobs-service';
import { OperationStore, operationsHandlers } from './run/operations';
import { unimplemented } from './run/rpc-error';
import { tasksHandlers } from './run/tasks-service';
import type { World } from './world/types';

export interface EmulatorOptions {
  world: World;
  /** 0 (default) picks a free port. The emulator only ever listens on 127.0.0.1. */
  port?: number;
  /** Injected failures and latency; none by default. */
  faults?: FaultSpec;
  /** Seeds the fault draws, so the same calls fail on every run (default 1). */
  faultSeed?: number;
  /** When given, the world is advanced to `clock()` before each call (a live demo); tests pass none. */
  clock?: () => number;
  /** Told of every call received (`/package.Service/Method`), e.g. to count a page's API calls. */
  onCall?: (method: string) => void;
}

export interface RunningEmulator {
  readonly port: number;
  /** `127.0.0.1:PORT`, the value for TIERWISE_EMULATOR_HOST. */
  readonly host: string;
  readonly world: World;
  stop(): Promise<void>;
}

/** One handler per method of the definition, so faults reach calls the emulator does not serve. */
function everyMethod(
  definition: grpc.ServiceDefinition,
  served: grpc.UntypedServiceImplementation,
): grpc.UntypedServiceImplementation {
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    const serviceName = method.path.split('/')[1] ?? 'service';
    handlers[name] =
      served[name] ?? served[method.originalName ?? ''] ?? unimplemented(serviceName, name);
  }
  return handlers;
}

function counted(
  handlers: grpc.UntypedServiceImplementation,
  definition: grpc.ServiceDefinition,
  onCall: (method: string) => void,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const path = definition[method]?.path ?? method;
    const unaryHandler = handler as grpc.handleUnaryCall<unknown, unknown>;
    wrapped[method] = ((call, callback) => {
      onCall(path);
      unaryHandler(call, callback);
    }) satisfies grpc.handleUnaryCall<unknown, unknown>;
  }
  return wrapped;
}

function withClock(
  handlers: grpc.UntypedServiceImplementation,
  world: World,
  clock: () => number,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const unaryHandler = handler as grpc.handleUnaryCall<unknown, unknown>;
    wrapped[method] = ((call, callback) => {
      try {
        world.advanceTo(clock());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        callback({
          code: grpc.status.INTERNAL,
          details: `the simulation could not advance: ${message}`,
        });
        return;
      }
      unaryHandler(call, callback);
    }) satisfies grpc.handleUnaryCall<unknown, unknown>;
  }
  return wrapped;
}

/** Serves Cloud Run Admin v2, long-running Operations and Monitoring v3 on one port. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const { world, clock } = options;
  const defs = loadServiceDefinitions();
  const operations = new OperationStore(world);
  const decide = faultDecider(options.faults ?? NO_FAULTS, options.faultSeed ?? 1);
  const server = new grpc.Server();
  const add = (definition: grpc.ServiceDefinition, served: grpc.UntypedServiceImplementation) => {
    const handlers = everyMethod(definition, served);
    const seen = options.onCall ? counted(handlers, definition, options.onCall) : handlers;
    const timed = clock ? withClock(seen, world, clock) : seen;
    server.addService(definition, withFaults(timed, options.faults ?? NO_FAULTS, decide));
  };
  add(defs.jobs, jobsHandlers(world, operations));
  add(defs.executions, executionsHandlers(world));
  add(defs.tasks, tasksHandlers(world));
  add(defs.operations, operationsHandlers(operations, world));
  add(defs.metricService, metricServiceHandlers(world));
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
    world,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 2_000).unref();
      }),
  };
}
