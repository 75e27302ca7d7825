import { createClients, withCallCounter, type GcpClients } from '@/lib/gcp';
import { env } from '@/lib/env';
import { getStore } from '@/lib/store/instance';
import type { ReportLedger } from './report-executions';

let shared: GcpClients | undefined;
/** Clients handed out to the app's requests: their reports read the process's execution ledger. */
const appClients = new WeakSet<GcpClients>();

/**
 * One set of gRPC channels per server process; each request gets its own call counter on top
 * so a page can say how many Google API calls it made.
 */
export function requestClients(): GcpClients {
  shared ??= createClients({ emulatorHost: env().TIERWISE_EMULATOR_HOST });
  const clients = withCallCounter(shared);
  appClients.add(clients);
  return clients;
}

/** The ledger a report read through `clients` uses by default: the app's store, else none. */
export async function appLedgerFor(clients: GcpClients): Promise<ReportLedger | undefined> {
  if (!appClients.has(clients)) return undefined;
  const settings = env();
  return {
    store: await getStore(),
    freshnessSeconds: settings.TIERWISE_LEDGER_FRESHNESS_SECONDS,
    retentionDays: settings.TIERWISE_LEDGER_RETENTION_DAYS,
  };
}

export function projectLocation(): { project: string; region: string } {
  const settings = env();
  return { project: settings.GOOGLE_CLOUD_PROJECT, region: settings.TIERWISE_REGION };
}
