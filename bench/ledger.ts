/**
 * Ledger figures: the first sync of 30 days of the default scenario (every execution listed, as if
 * Cloud Run kept them all) in executions per second, and an incremental sync after 100 new
 * executions: time and Google API calls, on SQLite and on PostgreSQL when one is reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syncJob } from '../lib/ledger';
import {
  startTestProject,
  REEL_JOB,
  THUMBNAIL_JOB,
  type TestProject,
} from '@/test/support/ledger-world';
import type { Store } from '../lib/store';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import { openStore } from '../lib/store';
import { row, timeMs } from './measure';

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

export async function run(): Promise<void> {
  await onStore('SQLite', sqlite);
  try {
    await onStore('PostgreSQL', postgres);
  } catch (error) {
    row('PostgreSQL', `skipped (${error instanceof Error ? error.message : String(error)})`);
  }
}
