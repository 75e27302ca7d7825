/**
 * Overview figures on a project with 200 jobs (emulator/scenarios/fleet-200.json, 7 days, ~3
 * executions a day each) on a SQLite store (PostgreSQL with TIERWISE_BENCH_OVERVIEW_STORE=postgres;
 * the app's store is one per process): the time to build the overview cold (every ledger
 * synced first) and warm (synced), to its first streamed rows, and the Google API calls each made;
 * beside them, per-job reports for the same 200 jobs over the same synced ledger, as the overview
 * was built before it read the store.
 */
import { startEmulator } from '../emulator/server';
import { createWorld, loadScenario } from '../emulator/sim';
import { createTestDatabase } from '../test/support/databases';
import { callTally, row, timeMs } from './measure';

const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const SCENARIO = 'emulator/scenarios/fleet-200.json';
const VIEW = {
  window: { kind: 'days', days: 7 },
  policy: null,
  bookId: null,
  objective: 'balanced',
} as const;

export async function run(): Promise<void> {
  const built = await timeMs(() => createWorld(loadScenario(SCENARIO), { seed: 3, now: NOW_MS }));
  const world = built.value;
  row(
    `world: ${world.listJobs().length} jobs, ${world.allExecutions().length} executions`,
    `${built.ms.toFixed(0)} ms`,
  );
  const calls: string[] = [];
  const emulator = await startEmulator({ world, port: 0, onCall: (m) => void calls.push(m) });
  const dialect = process.env.TIERWISE_BENCH_OVERVIEW_STORE === 'postgres' ? 'postgres' : 'sqlite';
  const database = await createTestDatabase(dialect);
  row('store', dialect === 'postgres' ? 'PostgreSQL' : 'SQLite');
  // The data layer reads its place, emulator and store from the environment, once per process.
  Object.assign(process.env, {
    TIERWISE_EMULATOR_HOST: emulator.host,
    GOOGLE_CLOUD_PROJECT: world.project,
    TIERWISE_REGION: world.region,
    DATABASE_URL: database.url,
    TIERWISE_AUTH: 'demo',
  });
  try {
    const { startProjectOverview } = await import('../lib/data/overview');
    const { loadReportView } = await import('../lib/data/report-view');
    const overview = async (label: string, nowMs: number) => {
      calls.length = 0;
      let firstMs = 0;
      const { ms, value } = await timeMs(async () => {
        const started = performance.now();
        const stream = await startProjectOverview(VIEW, nowMs);
        const headMs = performance.now() - started;
        await stream.batches[0]?.rows;
        firstMs = performance.now() - started;
        const done = await stream.complete;
        return { done, headMs, batches: stream.batches.length };
      });
      const unread = value.done.totals.unreadJobs;
      row(
        `${label}: ${value.done.rows.length} rows (${unread} unread), ${value.batches} groups`,
        `${ms.toFixed(0)} ms in all; listed at ${value.headMs.toFixed(0)} ms, first rows at ${firstMs.toFixed(0)} ms`,
      );
      row(`${label}: calls`, callTally(calls));
    };
    await overview('overview cold (every ledger synced first)', NOW_MS);
    await overview('overview warm (ledgers synced)', NOW_MS + 60_000);
    calls.length = 0;
    const nowMs = NOW_MS + 120_000;
    const perJob = await timeMs(() =>
      Promise.all(world.listJobs().map((job) => loadReportView({ ...VIEW, job: job.id }, nowMs))),
    );
    row(
      `per-job reports of the ${perJob.value.length} jobs, same ledger`,
      `${perJob.ms.toFixed(0)} ms, ${callTally(calls)}`,
    );
  } finally {
    await emulator.stop();
    await database.drop();
  }
}
