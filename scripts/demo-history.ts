/**
 * The demo's history, gathered as a deployment gathers it: the simulated world opens some days
 * back and moves to the present in steps, and after each step `syncJob` — what `tierwise sync`
 * runs, through lib/gcp against the emulator — copies what Cloud Run lists into the ledger and
 * attributes CPU and memory to the executions whose minutes have settled, so the demo's first
 * report reads Monitoring's minutes only for the last few minutes' executions.
 * Nothing reaches the ledger any other way, so a step must never let Cloud Run forget an execution
 * before the next sync has read it. Syncs are incremental: replaying into a database that already
 * holds a ledger writes only what it lacks.
 */
import { z } from 'zod';
import type { Scenario, SimulatedWorld } from '../emulator/sim';
import { envSchema } from '../lib/env';
import { createClients, listJobs } from '../lib/gcp';
import { readJobStatus, syncJob, type LedgerJobRef } from '../lib/ledger';
import { openStore, type Store } from '../lib/store';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/**
 * Twice a day at most: the default scenario's ~230 reels a day stay far inside Cloud Run's 1,000
 * executions, and each step costs a listing of up to 1,000, so stepping more often only slows.
 */
const MAX_STEP_MS = 12 * HOUR_MS;

const HISTORY_DAYS_SETTING = 'TIERWISE_DEMO_HISTORY_DAYS';
const DEFAULT_HISTORY_DAYS = 30;
const MAX_HISTORY_DAYS = 400;

/** A demo setting that cannot be used; the message names it. */
export class DemoSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSettingError';
  }
}

/**
 * Days of history to replay: a whole number from 0 (start with an empty ledger) to 400, default 30.
 * The scenario holds only its own `days`, so a longer wish replays those.
 */
function historyDays(text: string | undefined, scenario: Scenario): number {
  const days = text === undefined || text.trim() === '' ? DEFAULT_HISTORY_DAYS : Number(text);
  if (!Number.isInteger(days) || days < 0 || days > MAX_HISTORY_DAYS) {
    throw new DemoSettingError(
      `${HISTORY_DAYS_SETTING} must be a whole number of days from 0 to ${MAX_HISTORY_DAYS} (0 starts with an empty ledger), got "${text}"`,
    );
  }
  return Math.min(days, scenario.days);
}

const ledgerSettings = z.object({
  DATABASE_URL: envSchema.shape.DATABASE_URL,
  TIERWISE_LEDGER_RETENTION_DAYS: envSchema.shape.TIERWISE_LEDGER_RETENTION_DAYS,
});

export interface DemoHistorySettings {
  readonly days: number;
  /** The same database and ledger retention the app is started with. */
  readonly databaseUrl: string;
  readonly retentionDays: number;
}

/** The replay's settings from the environment; a bad one throws DemoSettingError naming it. */
export function demoHistorySettings(
  env: Record<string, string | undefined>,
  scenario: Scenario,
): DemoHistorySettings {
  const parsed = ledgerSettings.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DemoSettingError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  return {
    days: historyDays(env[HISTORY_DAYS_SETTING], scenario),
    databaseUrl: parsed.data.DATABASE_URL,
    retentionDays: parsed.data.TIERWISE_LEDGER_RETENTION_DAYS,
  };
}

/** The most arrivals any hour of the scenario expects, all streams together. */
function busiestHourArrivals(scenario: Scenario): number {
  return scenario.streams.reduce((sum, { arrivals }) => {
    const weights = arrivals.diurnal.reduce((a, b) => a + b, 0);
    if (weights <= 0) return sum;
    const peakShare = Math.max(...arrivals.diurnal) / weights;
    return sum + arrivals.perDay * peakShare * Math.max(1, arrivals.weekendFactor);
  }, 0);
}

/**
 * Cloud Run lists only a job's newest `retention.executions` created within `retention.days`. A
 * step spans at most a quarter of either bound (at the busiest hour's rate, as if one job took every
 * arrival), so the next sync always finds everything created since the last one still listed.
 */
export function replayStepMs(scenario: Scenario): number {
  const { days, executions } = scenario.retention;
  const perHour = busiestHourArrivals(scenario);
  const byCount = perHour > 0 ? (executions / perHour / 4) * HOUR_MS : Infinity;
  const step = Math.min(MAX_STEP_MS, (days * DAY_MS) / 4, byCount);
  return Math.max(MINUTE_MS, Math.floor(step / MINUTE_MS) * MINUTE_MS);
}

export interface ReplayOptions {
  /** Opened where the replay starts, its window ending at `untilMs`; the emulator serves it. */
  readonly world: SimulatedWorld;
  readonly untilMs: number;
  readonly emulatorHost: string;
  readonly databaseUrl: string;
  readonly retentionDays: number;
}

export interface ReplaySummary {
  /** Executions the ledger holds now and did not before the replay. */
  readonly added: number;
  /** Executions it held already (a demo restarted on the same database). */
  readonly alreadyStored: number;
  /** Syncs skipped because another process was syncing the job. */
  readonly busy: number;
  readonly durationMs: number;
}

/** Executions the ledger holds for these jobs. */
async function storedCount(store: Store, refs: readonly LedgerJobRef[]): Promise<number> {
  let total = 0;
  for (const ref of refs) total += (await readJobStatus(store, ref)).executionsStored;
  return total;
}

/** Syncs every job at the world's clock, then steps it forward, until it reaches `untilMs`. */
export async function replayHistory(options: ReplayOptions): Promise<ReplaySummary> {
  const { world, untilMs } = options;
  const startedMs = Date.now();
  const stepMs = replayStepMs(world.scenario);
  const place = { project: world.project, region: world.region };
  const store = await openStore(options.databaseUrl);
  const clients = createClients({ emulatorHost: options.emulatorHost });
  try {
    const refs = (await listJobs(clients, place)).items.map((job) => ({ ...place, job: job.name }));
    const alreadyStored = await storedCount(store, refs);
    let busy = 0;
    for (;;) {
      const nowMs = world.now();
      for (const ref of refs) {
        const result = await syncJob(store, clients, ref, {
          nowMs,
          retentionDays: options.retentionDays,
        });
        // Another process holds the job's lease: its sync, or the next step's, reads the rest.
        if (result.outcome === 'busy') busy += 1;
      }
      if (nowMs >= untilMs) break;
      world.advanceTo(Math.min(nowMs + stepMs, untilMs));
    }
    const added = (await storedCount(store, refs)) - alreadyStored;
    return { added, alreadyStored, busy, durationMs: Date.now() - startedMs };
  } finally {
    await clients.close();
    await store.close();
  }
}
