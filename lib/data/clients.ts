import { createClients, withCallCounter, type GcpClients } from '@/lib/gcp';
import { env } from '@/lib/env';

let shared: GcpClients | undefined;

/**
 * One set of gRPC channels per server process; each request gets its own call counter on top
 * so a page can say how many Google API calls it made.
 */
export function requestClients(): GcpClients {
  shared ??= createClients({ emulatorHost: env().TIERWISE_EMULATOR_HOST });
  return withCallCounter(shared);
}

export function projectLocation(): { project: string; region: string } {
  const settings = env();
  return { project: settings.GOOGLE_CLOUD_PROJECT, region: settings.TIERWISE_REGION };
}
