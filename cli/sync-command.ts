/** `tierwise sync`: copies new executions of every job (or one) into the execution ledger. */
import { z } from 'zod';
import { envSchema } from '@/lib/env';
import { createClients, listJobs, type GcpClients } from '@/lib/gcp';
import {
  attributeJobs,
  syncJob,
  type AttributionOutcome,
  type MeteringOutcome,
  type SyncResult,
} from '@/lib/ledger';
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

function sayUnmetered(io: Io, job: string, outcome: MeteringOutcome | undefined) {
  if (outcome?.outcome !== 'failed') return;
  io.stderr(
    `tierwise: ${job}: hourly allocation and completed counts not stored this time (${outcome.error}); the next sync reads those hours again\n`,
  );
}

function sayUnattributed(io: Io, job: string, outcome: AttributionOutcome | undefined) {
  if (outcome?.outcome !== 'failed') return;
  io.stderr(
    `tierwise: ${job}: CPU and memory of ${outcome.pending} executions not attributed this time (${outcome.error}); the next sync reads their minutes again\n`,
  );
}

/**
 * One job (`--job`) is synced and attributed on its own; every job of the project is copied first,
 * then attributed in one project-wide pass: one Monitoring read per metric, not per job.
 */
async function syncAll(
  store: Store,
  clients: GcpClients,
  target: Target,
  args: SyncArgs,
  io: Io,
  retentionDays: number,
): Promise<number> {
  const whole = !args.job;
  const jobs = args.job
    ? [args.job]
    : (await listJobs(clients, target)).items.map((job) => job.name);
  const nowMs = args.nowMs ?? io.nowMs();
  const synced: string[] = [];
  let failed = 0;
  for (const job of jobs) {
    const ref = { project: target.project, region: target.region, job };
    try {
      const result = await syncJob(store, clients, ref, {
        nowMs,
        retentionDays,
        attribute: !whole,
        afterBatch: (n) => io.stderr(`tierwise: ${job}: batch ${n} written\n`),
      });
      io.stdout(`${summary(result)}\n`);
      if (result.outcome === 'synced') {
        synced.push(job);
        sayUnattributed(io, job, result.attribution);
        sayUnmetered(io, job, result.metering);
      }
    } catch (err) {
      failed += 1;
      io.stderr(`tierwise: ${job}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (whole && synced.length > 0) {
    const place = { project: target.project, region: target.region };
    const pass = await attributeJobs(store, clients, place, synced, { nowMs }).catch(
      (err: unknown) => err as Error,
    );
    if (pass instanceof Error) {
      io.stderr(`tierwise: CPU and memory not attributed this time: ${pass.message}\n`);
      return failed + 1;
    }
    for (const [job, outcome] of pass.jobs) {
      if (outcome.outcome !== 'busy') sayUnattributed(io, job, outcome);
    }
    for (const [job, outcome] of pass.metering) sayUnmetered(io, job, outcome);
    const attributed = [...pass.jobs.values()].reduce(
      (n, o) => n + (o.outcome === 'attributed' ? o.executions : 0),
      0,
    );
    const hours = [...pass.metering.values()].reduce(
      (n, o) => n + (o.outcome === 'metered' ? o.hours : 0),
      0,
    );
    io.stderr(
      `tierwise: CPU and memory of ${attributed} executions and ${hours} hours of allocation and completed counts of ${synced.length} jobs read from ${pass.pages} Monitoring pages.\n`,
    );
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
