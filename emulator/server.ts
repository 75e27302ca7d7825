import * as grpc from '@grpc/grpc-js';
import { faultDecider, NO_FAULTS, withFaults, type FaultSpec } from './faults';
import { loadServiceDefinitions } from './protos';
import { metricServiceHandlers } from './monitoring/metric-service';
import { executionsHandlers } from './run/executions-service';
import { jobsHandlers } from './run/jobs-service';
import { locationsHandlers } from './run/locations-service';
import { OperationStore, operationsHandlers } from './run/operations';
import { unimplemented } from './run/rpc-error';
import { tasksHandlers } from './run/tasks-service';
import { Places, scopedWorld } from './world/places';
import type { World } from './world/types';

export interface EmulatorOptions {
  world: World;
  /**
   * Other places served on the same port: another region of the same project, or another
   * project, each its own world. Cloud Run calls go to the place they name; the main project's
   * Monitoring answers for every place (a metrics scope), another project's for its own.
   */
  otherPlaces?: readonly World[];
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
  places: Places,
  clock: () => number,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    const unaryHandler = handler as grpc.handleUnaryCall<unknown, unknown>;
    wrapped[method] = ((call, callback) => {
      try {
        places.advanceTo(clock());
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

type RequestShape = { name?: unknown; parent?: unknown; job?: { name?: unknown } | null };

/** One set of handlers per place; each call goes to the handlers of the place its name names. */
function routed(
  places: Places,
  build: (world: World) => grpc.UntypedServiceImplementation,
  pick: (places: Places, request: RequestShape) => World,
): grpc.UntypedServiceImplementation {
  const byWorld = new Map(places.all.map((world) => [world, build(world)]));
  if (places.all.length === 1) return byWorld.get(places.main)!;
  const routedHandlers: grpc.UntypedServiceImplementation = {};
  for (const method of Object.keys(byWorld.get(places.main)!)) {
    routedHandlers[method] = ((call, callback) => {
      const world = pick(places, (call.request ?? {}) as RequestShape);
      const handler = byWorld.get(world)?.[method] as grpc.handleUnaryCall<unknown, unknown>;
      handler(call, callback);
    }) satisfies grpc.handleUnaryCall<unknown, unknown>;
  }
  return routedHandlers;
}

// UpdateJob names its place in the job it sends (`job.name`), as Cloud Run's v2 API has it.
const byResourceName = (places: Places, request: RequestShape) =>
  places.forName(request.name ?? request.parent ?? request.job?.name);

/** Serves Cloud Run Admin v2, long-running Operations and Monitoring v3 on one port. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const { world, clock } = options;
  const places = new Places(world, options.otherPlaces);
  const defs = loadServiceDefinitions();
  const operations = new Map(places.all.map((w) => [w, new OperationStore(w)]));
  const decide = faultDecider(options.faults ?? NO_FAULTS, options.faultSeed ?? 1);
  const server = new grpc.Server();
  const add = (definition: grpc.ServiceDefinition, served: grpc.UntypedServiceImplementation) => {
    const handlers = everyMethod(definition, served);
    const seen = options.onCall ? counted(handlers, definition, options.onCall) : handlers;
    const timed = clock ? withClock(seen, places, clock) : seen;
    server.addService(definition, withFaults(timed, options.faults ?? NO_FAULTS, decide));
  };
  const storeOf = (w: World) => operations.get(w)!;
  add(
    defs.jobs,
    routed(places, (w) => jobsHandlers(w, storeOf(w)), byResourceName),
  );
  add(defs.executions, routed(places, executionsHandlers, byResourceName));
  add(defs.tasks, routed(places, tasksHandlers, byResourceName));
  add(
    defs.operations,
    routed(places, (w) => operationsHandlers(storeOf(w), w), byResourceName),
  );
  // Monitoring names only a project: it answers with that project's metrics scope.
  const scopes = new Map<string, World>();
  const scopeOf = (name: unknown) => {
    const worlds = places.metricsScope(name);
    const key = worlds.map((w) => `${w.project}/${w.region}`).join(',');
    if (!scopes.has(key)) scopes.set(key, scopedWorld(worlds));
    return scopes.get(key)!;
  };
  const scopeHandlers = new Map<World, grpc.UntypedServiceImplementation>();
  const monitoringFor = (name: unknown) => {
    const scope = scopeOf(name);
    if (!scopeHandlers.has(scope)) scopeHandlers.set(scope, metricServiceHandlers(scope));
    return scopeHandlers.get(scope)!;
  };
  const monitoring: grpc.UntypedServiceImplementation = {};
  for (const method of Object.keys(monitoringFor(undefined))) {
    monitoring[method] = ((call, callback) => {
      const request = (call.request ?? {}) as RequestShape;
      const handler = monitoringFor(request.name)[method] as grpc.handleUnaryCall<unknown, unknown>;
      handler(call, callback);
    }) satisfies grpc.handleUnaryCall<unknown, unknown>;
  }
  add(defs.metricService, monitoring);
  add(defs.locations, locationsHandlers(places));
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
