import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);

/** Folders holding the .proto files that ship inside Google's own client packages. */
function protoRoots(): string[] {
  // Resolve each package's entry point and walk up to its `build/` folder: google-gax does not
  // export its package.json.
  const buildDir = (name: string) => {
    let dir = path.dirname(require.resolve(name));
    while (path.basename(dir) !== 'build' && dir !== path.dirname(dir)) dir = path.dirname(dir);
    return dir;
  };
  return ['@google-cloud/run', '@google-cloud/monitoring', 'google-gax'].map((name) =>
    path.join(buildDir(name), 'protos'),
  );
}

// Plain JS shapes on the server side: camelCase fields, enums as names, 64-bit ints as strings,
// and only the oneof member that is set (so `value.doubleValue` vs `value.distributionValue`).
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
};

export interface ServiceDefinitions {
  jobs: grpc.ServiceDefinition;
  executions: grpc.ServiceDefinition;
  tasks: grpc.ServiceDefinition;
  operations: grpc.ServiceDefinition;
  metricService: grpc.ServiceDefinition;
  locations: grpc.ServiceDefinition;
}

let cached: ServiceDefinitions | undefined;

/** Loads the Cloud Run Admin v2, long-running Operations and Monitoring v3 service definitions. */
export function loadServiceDefinitions(): ServiceDefinitions {
  if (cached) return cached;
  const packageDefinition = protoLoader.loadSync(
    [
      'google/cloud/run/v2/job.proto',
      'google/cloud/run/v2/execution.proto',
      'google/cloud/run/v2/task.proto',
      'google/longrunning/operations.proto',
      'google/monitoring/v3/metric_service.proto',
      'google/cloud/location/locations.proto',
    ],
    { ...LOADER_OPTIONS, includeDirs: protoRoots() },
  );
  const service = (name: string) => {
    const def = packageDefinition[name];
    if (!def) throw new Error(`proto service ${name} not found in the client packages`);
    return def as unknown as grpc.ServiceDefinition;
  };
  cached = {
    jobs: service('google.cloud.run.v2.Jobs'),
    executions: service('google.cloud.run.v2.Executions'),
    tasks: service('google.cloud.run.v2.Tasks'),
    operations: service('google.longrunning.Operations'),
    metricService: service('google.monitoring.v3.MetricService'),
    locations: service('google.cloud.location.Locations'),
  };
  return cached;
}

export { protoRoots };
