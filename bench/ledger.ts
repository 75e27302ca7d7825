/**
 * Ledger figures: the first sync of 30 days of the default scenario (every execution listed, as if
 * Cloud Run kept them all) in executions per second, and an incremental sync after 100 new
 * executions: time and Google API calls, on SQLite and on PostgreSQL when one is reachable. Then
 * the first sync of a project of 200 jobs (emulator/scenarios/fleet-200.json) job by job, each
 * attributed by its own sync, against the same copied first and attributed in one project-wide pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator/server';
import { createWorld, loadScenario } from '../emulator/sim';
import { createClients, withCallCounter } from '../lib/gcp';
import { attributeJobs, syncJob } from '../lib/ledger';
import {
  startTestProject,
  REEL_JOB,
  THUMBNAIL_JOB,
  type TestProject,
} from '@/test/support/ledger-world';
import type { Store } from '../lib/store';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import { openStore } from '../lib/store';
import { callTally, row, timeMs } from './measure';

const KEEP_EVERYTHING = { days: 400, executions: 10_000_000 };
const MINUTE_MS = 60_000;

async function firstSync(store: Store, project: TestProject, label: string): Promise<void> {
  let executions = 0;
  let calls = 0;
  const { ms } = await timeMs(async () => {
    for (const job of [REEL_JOB, THUMBNAIL_JOB]) {
      const clients = project.clients();
      const result = await syncJob(store, clients, project.ref(job), {
        nowMs: project.world.now(),
      });
      if (result.outcome === 'synced') executions += result.written;
      calls += clients.calls.total;
    }
  });
  row(
    `${label}: first sync, 30 days (${executions} executions)`,
    `${ms.toFixed(0)} ms, ${((executions / ms) * 1000).toFixed(0)} executions/s, ${calls} Google API calls`,
  );
}

async function incrementalSync(store: Store, project: TestProject, label: string): Promise<void> {
  const before = project.world.allExecutions(REEL_JOB).length;
  while (project.world.allExecutions(REEL_JOB).length < before + 100) {
    project.world.advanceTo(project.world.now() + MINUTE_MS);
  }
  const clients = project.clients();
  const { ms, value } = await timeMs(() =>
    syncJob(store, clients, project.ref(REEL_JOB), { nowMs: project.world.now() }),
  );
  const written = value.outcome === 'synced' ? value.written : 0;
  const byMethod = Object.entries(clients.calls.byMethod)
    .map(([method, n]) => `${method} ${n}`)
    .join(', ');
  row(
    `${label}: incremental sync, ${written} new or finished executions`,
    `${ms.toFixed(0)} ms, ${clients.calls.total} Google API calls (${byMethod})`,
  );
}

async function onStore(
  label: string,
  open: () => Promise<{ store: Store; drop(): Promise<void> }>,
) {
  const project = await startTestProject({ days: 30, retention: KEEP_EVERYTHING, seed: 1 });
  const target = await open();
  try {
    await firstSync(target.store, project, label);
    await incrementalSync(target.store, project, label);
  } finally {
    await target.drop();
    await project.stop();
  }
}

async function sqlite() {
  const folder = mkdtempSync(path.join(tmpdir(), 'tierwise-bench-ledger-'));
  const store = await openStore(`file:${path.join(folder, 'tierwise.db')}`);
  return {
    store,
    async drop() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function postgres() {
  const database: TestDatabase = await createTestDatabase('postgres');
  return { store: await database.open(), drop: () => database.drop() };
}

const FLEET = 'emulator/scenarios/fleet-200.json';
const FLEET_NOW_MS = Date.UTC(2025, 4, 20, 12, 0);

async function fleetSync(
  label: string,
  open: () => Promise<{ store: Store; drop(): Promise<void> }>,
): Promise<void> {
  const world = createWorld(loadScenario(FLEET), { seed: 3, now: FLEET_NOW_MS });
  const calls: string[] = [];
  const emulator = await startEmulator({ world, port: 0, onCall: (m) => void calls.push(m) });
  const clients = createClients({ emulatorHost: emulator.host });
  const jobs = world.listJobs().map((job) => job.id);
  const place = { project: world.project, region: world.region };
  const [alone, together] = [await open(), await open()];
  try {
    calls.length = 0;
    const byJob = await timeMs(async () => {
      for (const job of jobs) {
        await syncJob(
          alone.store,
          withCallCounter(clients),
          { ...place, job },
          { nowMs: world.now() },
        );
      }
    });
    row(
      `${label}: ${jobs.length} jobs synced one by one, each attributed`,
      `${byJob.ms.toFixed(0)} ms, ${callTally(calls)}`,
    );
    calls.length = 0;
    let attributed = 0;
    const wide = await timeMs(async () => {
      for (const job of jobs) {
        const ref = { ...place, job };
        await syncJob(together.store, withCallCounter(clients), ref, {
          nowMs: world.now(),
          attribute: false,
        });
      }
      const pass = await timeMs(() =>
        attributeJobs(together.store, withCallCounter(clients), place, jobs, {
          nowMs: world.now(),
        }),
      );
      for (const outcome of pass.value.jobs.values()) {
        if (outcome.outcome === 'attributed') attributed += outcome.executions;
      }
      return pass.ms;
    });
    row(
      `${label}: ${jobs.length} jobs copied, then one project-wide pass (${attributed} executions attributed)`,
      `${wide.ms.toFixed(0)} ms (the pass ${wide.value.toFixed(0)} ms), ${callTally(calls)}`,
    );
  } finally {
    await alone.drop();
    await together.drop();
    await clients.close();
    await emulator.stop();
  }
}

export async function run(): Promise<void> {
  await onStore('SQLite', sqlite);
  await fleetSync('SQLite', sqlite);
  try {
    await onStore('PostgreSQL', postgres);
    await fleetSync('PostgreSQL', postgres);
  } catch (error) {
    row('PostgreSQL', `skipped (${error instanceof Error ? error.message : String(error)})`);
  }
}
