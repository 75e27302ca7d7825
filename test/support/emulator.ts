/**
 * One emulator and one set of Google clients for a test file: started before its first test on a
 * free port, stopped after its last. Tests reach both through the returned handle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createClients, type ClientTarget, type GcpClients } from '@/lib/gcp/clients';
import { fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import type { World } from '@/emulator/world/types';
import type { OverviewRequest } from '@/lib/data/overview';

export interface TestServer {
  readonly emulator: RunningEmulator;
  readonly clients: GcpClients;
}

export function emulatorForTests(
  world: () => World = fixtureWorld,
  options: { retry?: ClientTarget['retry'] } = {},
): TestServer {
  let running: TestServer | undefined;
  beforeAll(async () => {
    const emulator = await startEmulator({ world: world(), port: 0 });
    const clients = createClients({
      emulatorHost: emulator.host,
      ...(options.retry && { retry: options.retry }),
    });
    running = { emulator, clients };
  });
  afterAll(async () => {
    await running?.clients.close();
    await running?.emulator.stop();
  });
  const started = (): TestServer => {
    if (!running) throw new Error('The emulator starts before the first test; use it inside one.');
    return running;
  };
  return {
    get emulator() {
      return started().emulator;
    },
    get clients() {
      return started().clients;
    },
  };
}

/** Environment variables to set for a test file; `undefined` unsets one. */
export type TestEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * For a test file of the data layer, which reads its project, emulator and store from the
 * environment once per process: `start` starts the emulator and names the project's variables;
 * the environment then points at that emulator, a fresh SQLite store and demo sign-in. After the
 * last test every variable is put back, the emulator stopped and the store deleted.
 */
export function appEnvironmentForTests(
  name: string,
  start: () => Promise<{ emulator: RunningEmulator; env: TestEnvironment }>,
): void {
  let emulator: RunningEmulator | undefined;
  let dataDir: string | undefined;
  let saved: TestEnvironment = {};
  beforeAll(async () => {
    const started = await start();
    emulator = started.emulator;
    dataDir = mkdtempSync(path.join(tmpdir(), `tierwise-${name}-`));
    const env: TestEnvironment = {
      TIERWISE_EMULATOR_HOST: emulator.host,
      ...started.env,
      DATABASE_URL: `file:${path.join(dataDir, 'tierwise.db')}`,
      TIERWISE_AUTH: 'demo',
    };
    saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    setEnvironment(env);
  });
  afterAll(async () => {
    setEnvironment(saved);
    await emulator?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
}

function setEnvironment(env: TestEnvironment): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** The overview (and each job's report) over the last day, on the saved tiers and price book. */
export function lastDayView(objective: OverviewRequest['objective']): OverviewRequest {
  return { window: { kind: 'days', days: 1 }, policy: null, bookId: null, objective };
}
