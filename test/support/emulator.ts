/**
 * One emulator and one set of Google clients for a test file: started before its first test on a
 * free port, stopped after its last. Tests reach both through the returned handle.
 */
import { afterAll, beforeAll } from 'vitest';
import { createClients, type ClientTarget, type GcpClients } from '@/lib/gcp/clients';
import { fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import type { World } from '@/emulator/world/types';

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
