/**
 * Reports over a month while Cloud Run keeps a week: the ledger, synced as time passes, must give
 * the report the full history would; a ledger started late must show what it is missing and its cost.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { createClients, type GcpClients } from '@/lib/gcp';
import {
  fullHistoryView,
  REEL_JOB,
  startTestProject,
  THUMBNAIL_JOB,
  WORLD_NOW_MS,
  type TestProject,
} from '@/test/support/ledger-world';
import { ensureFreshLedger } from '@/lib/ledger';
import type { Store } from '@/lib/store';
import { DIALECTS } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import { getJobReport } from './report';
import { sameFiguresBesideBilling } from '@/test/support/same-figures';

const DAY_MS = 86_400_000;
// Cloud Run keeps the newest 1,000 *and* the last 7 days; a small count lets the 7 days decide here.
const RETENTION = { days: 7, executions: 100 };
const book = findPriceBook('jobs-tier1') as PriceBook;

const reportRequest = (project: TestProject, clients: GcpClients, job: string) => ({
  clients,
  project: project.world.project,
  region: project.world.region,
  job,
  days: 30,
  policy: DEFAULT_TIER_POLICY,
  priceBook: book,
  objective: 'cost' as const,
  now: project.world.now(),
});

/** Reads the same month as if Cloud Run had kept every execution. */
async function referenceReport(project: TestProject, job: string) {
  const emulator: RunningEmulator = await startEmulator({
    world: fullHistoryView(project.world),
    port: 0,
  });
  const clients = createClients({ emulatorHost: emulator.host });
  try {
    return (await getJobReport({ ...reportRequest(project, clients, job), ledger: false })).report;
  } finally {
    await clients.close();
    await emulator.stop();
  }
}

describe.each(DIALECTS)('a month of reports from the ledger on %s', (dialect) => {
  let store: Store;
  let project: TestProject | undefined;

  databaseForTests(dialect, async (database) => {
    store = await database.open();
  });
  afterEach(() => project?.stop());

  it('synced every three days while Cloud Run keeps a week, equals the report of the full history', async () => {
    // 3 days of history exist when the ledger starts (all of them within Cloud Run's 7 days), then
    // 27 more days pass with a sync every 3 days: each sync sees back past the previous one.
    const startMs = WORLD_NOW_MS - 27 * DAY_MS;
    project = await startTestProject({ days: 3, retention: RETENTION, nowMs: startMs, seed: 21 });
    const ledger = { store, freshnessSeconds: 0 };
    const jobs = [REEL_JOB, THUMBNAIL_JOB];
    for (let atMs = startMs; atMs <= WORLD_NOW_MS; atMs += 3 * DAY_MS) {
      project.world.advanceTo(atMs);
      for (const job of jobs) {
        // What each page view does before reading the ledger.
        await ensureFreshLedger(store, project.clients(), project.ref(job), {
          nowMs: atMs,
          freshnessSeconds: 0,
        });
      }
    }
    project.world.advanceTo(WORLD_NOW_MS);
    const monthStartMs = WORLD_NOW_MS - 30 * DAY_MS;
    for (const job of jobs) {
      const { report, ledger: status } = await getJobReport({
        ...reportRequest(project, project.clients(), job),
        ledger,
      });
      expect(project.world.listExecutions(job).length).toBeLessThan(report.totals.executions / 3);
      expect(status?.phase).toBe('idle');
      expect(report.gaps?.missingExecutions).toBe(0);
      expect(report.warnings.map((w) => w.kind)).not.toContain('execution-gap');
      const reference = await referenceReport(project, job);
      expect(sameFiguresBesideBilling(report)).toEqual(sameFiguresBesideBilling(reference));
      expect(report.reconciliation.status).toBe(reference.reconciliation.status);
      const finished = project.world
        .allExecutions(job)
        .filter((e) => e.completionMs !== undefined && (e.startMs ?? e.createMs) >= monthStartMs);
      expect(report.totals.executions).toBe(finished.length);
    }
  }, 120_000);
});

describe('a ledger started late', () => {
  let project: TestProject;

  const database = databaseForTests('sqlite', async () => {
    project = await startTestProject({ days: 30, retention: RETENTION, seed: 22 });
  });
  afterAll(() => project.stop());

  it('shows per day the executions Cloud Run forgot before it started, and what they cost', async () => {
    const store = await database.open();
    const { report, records } = await getJobReport({
      ...reportRequest(project, project.clients(), THUMBNAIL_JOB),
      ledger: { store },
    });
    const held = new Set(records.executions.map((e) => e.id));
    const windowStartMs = project.world.now() - 30 * DAY_MS;
    const forgotten = project.world
      .groundTruth()
      .executions.filter(
        (e) => e.jobId === THUMBNAIL_JOB && e.status !== 'running' && !held.has(e.executionId),
      )
      .filter((e) => {
        const completionMs = Math.max(...e.attempts.map((a) => a.endMs ?? 0));
        return completionMs > windowStartMs && completionMs <= (report.gaps?.comparedUntilMs ?? 0);
      });
    expect(forgotten.length).toBeGreaterThan(500);
    const gaps = report.gaps!;
    expect(gaps.missingExecutions).toBe(forgotten.length);
    expect(gaps.days.length).toBeGreaterThanOrEqual(22);
    expect(gaps.days[0]!.startMs).toBeLessThanOrEqual(windowStartMs);
    const trueCostUsd = forgotten
      .flatMap((e) => e.attempts)
      .reduce(
        (sum, a) =>
          sum + a.vcpuSecondsBilled * book.vcpuSecondUsd + a.gibSecondsBilled * book.gibSecondUsd,
        0,
      );
    expect(Math.abs((gaps.estimatedCostUsd ?? 0) / trueCostUsd - 1)).toBeLessThan(0.05);
    const warning = report.warnings.find((w) => w.kind === 'execution-gap');
    expect(warning?.text).toContain(`counted ${forgotten.length} finished executions`);
  });
});
