/** `tierwise sync`: copies new executions of every job (or one) into the execution ledger. */
import { z } from 'zod';
import { envSchema } from '@/lib/env';
import { createClients, listJobs, type GcpClients } from '@/lib/gcp';
import { syncJob, type SyncResult } from '@/lib/ledger';
import { openStore, type Store } from '@/lib/store';
import { CliArgumentError, type SyncArgs } from './args';
import type { Io } from './main';
import { resolveTarget, type Target } from './settings';

const syncEnv = z.object({
  DATABASE_URL: envSchema.shape.DATABASE_URL,
  TIERWISE_LEDGER_RETENTION_DAYS: envSchema.shape.TIERWISE_LEDGER_RETENTION_DAYS,
});

function settingsOf(source: Record<string, string | undefined>) {
  const parsed = syncEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliArgumentError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

function summary(result: SyncResult): string {
  if (result.outcome === 'busy') {
    const { rowsSynced, rowsToSync } = result.status;
    return `${result.job}: another instance is syncing it (${rowsSynced} of ${rowsToSync ?? '?'} written so far); skipped`;
  }
  const { listed, written, pruned, status } = result;
  return `${result.job}: ${listed} listed, ${written} written, ${pruned} pruned; ${status.executionsStored} stored`;
}

async function syncAll(
  store: Store,
  clients: GcpClients,
  target: Target,
  args: SyncArgs,
  io: Io,
  retentionDays: number,
): Promise<number> {
  const jobs = args.job
    ? [args.job]
    : (await listJobs(clients, target)).items.map((job) => job.name);
  let failed = 0;
  for (const job of jobs) {
    const ref = { project: target.project, region: target.region, job };
    try {
      const result = await syncJob(store, clients, ref, {
        nowMs: args.nowMs ?? io.nowMs(),
        retentionDays,
        afterBatch: (n) => io.stderr(`tierwise: ${job}: batch ${n} written\n`),
      });
      io.stdout(`${summary(result)}\n`);
      if (result.outcome === 'synced' && result.attribution?.outcome === 'failed') {
        io.stderr(
          `tierwise: ${job}: CPU and memory of ${result.attribution.pending} executions not attributed this time (${result.attribution.error}); the next sync reads their minutes again\n`,
        );
      }
    } catch (err) {
      failed += 1;
      io.stderr(`tierwise: ${job}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  return failed;
}

/** 0 when every job synced (or another instance was syncing it), 1 when any failed. */
export async function runSync(args: SyncArgs, io: Io): Promise<number> {
  const settings = settingsOf(io.env);
  const target = resolveTarget(args, io.env);
  const store = await openStore(settings.DATABASE_URL);
  const clients = createClients({ emulatorHost: target.emulatorHost });
  try {
    const failed = await syncAll(
      store,
      clients,
      target,
      args,
      io,
      settings.TIERWISE_LEDGER_RETENTION_DAYS,
    );
    io.stderr(`tierwise: synced with ${clients.calls.total} Google API calls.\n`);
    return failed === 0 ? 0 : 1;
  } finally {
    await clients.close();
    await store.close();
  }
}
