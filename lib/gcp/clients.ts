import { JobsClient, ExecutionsClient, TasksClient } from '@google-cloud/run';
import { MetricServiceClient } from '@google-cloud/monitoring';
import { grpc } from 'google-gax';
import { PassThroughClient } from 'google-auth-library';
import { ApiCallCounter, DEFAULT_RETRY, type RetryPolicy } from './calls';

export interface GcpClients {
  jobs: InstanceType<typeof JobsClient>;
  executions: InstanceType<typeof ExecutionsClient>;
  tasks: InstanceType<typeof TasksClient>;
  metrics: InstanceType<typeof MetricServiceClient>;
  /** Google API calls made through these clients by the adapters in lib/gcp. */
  calls: ApiCallCounter;
  /** Backoff for reads that fail with UNAVAILABLE or RESOURCE_EXHAUSTED. */
  retry: RetryPolicy;
  /** Closes every channel; call it when a short-lived process (CLI, test) is done. */
  close(): Promise<void>;
}

export interface ClientTarget {
  /** `host:port` of the emulator; undefined → Google Cloud with Application Default Credentials. */
  emulatorHost?: string;
  /** Overrides the read retry backoff (tests shorten it). */
  retry?: Partial<RetryPolicy>;
}

/**
 * Builds Google's clients. Against the emulator they use an insecure channel and no credentials,
 * the convention of Google's Pub/Sub and Firestore emulators: `sslCreds` set means gax never asks
 * google-auth-library for a token, so there is no metadata-server probe.
 */
export function createClients(target: ClientTarget): GcpClients {
  const options = target.emulatorHost ? emulatorOptions(target.emulatorHost) : {};
  const jobs = new JobsClient(options);
  const executions = new ExecutionsClient(options);
  const tasks = new TasksClient(options);
  const metrics = new MetricServiceClient(options);
  return {
    jobs,
    executions,
    tasks,
    metrics,
    calls: new ApiCallCounter(),
    retry: { ...DEFAULT_RETRY, ...target.retry },
    async close() {
      await Promise.all([jobs.close(), executions.close(), tasks.close(), metrics.close()]);
    },
  };
}

/** The same channels with a fresh call counter, so one page can report the calls it made. */
export function withCallCounter(clients: GcpClients): GcpClients {
  return { ...clients, calls: new ApiCallCounter() };
}

function emulatorOptions(hostPort: string) {
  const separator = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, separator);
  const port = Number(hostPort.slice(separator + 1));
  if (!host || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`TIERWISE_EMULATOR_HOST must be host:port, got "${hostPort}"`);
  }
  return {
    apiEndpoint: host,
    port,
    sslCreds: grpc.credentials.createInsecure(),
    // A pass-through auth client answers the universe-domain and project look-ups itself, so
    // google-auth-library never probes a metadata server.
    authClient: new PassThroughClient(),
    projectId: 'emulator',
    fallback: false as const,
  };
}
