/**
 * `npm run demo`: builds the app if needed, starts the embedded emulator on a free port and the
 * app against it, and prints the URL. Ctrl-C stops both.
 */
import path from 'node:path';
import { DEFAULT_SCENARIO_PATH, createWorld, loadScenario } from '../emulator/sim';
import { startEmulator } from '../emulator/server';
import { buildIfNeeded } from './build-if-needed';
import { startApp } from './start-app';

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a number from 1 to 65535, got "${text}"`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.env.PORT, 3000);
  const scenarioPath = process.env.TIERWISE_SCENARIO ?? DEFAULT_SCENARIO_PATH;
  const seed = parsePort(process.env.TIERWISE_SEED, 1);
  buildIfNeeded();

  const scenario = loadScenario(scenarioPath);
  const world = createWorld(scenario, { seed, now: Date.now() });
  const emulator = await startEmulator({ world, port: 0, clock: () => Date.now() });
  console.log(`emulator: ${path.relative(process.cwd(), scenarioPath)} on ${emulator.host}`);

  const app = startApp({
    port,
    env: {
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: world.project,
      TIERWISE_REGION: world.region,
      TIERWISE_AUTH: process.env.TIERWISE_AUTH ?? 'demo',
    },
  });
  let announced = false;
  app.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server/i.test(chunk.toString())) {
      announced = true;
      console.log(`\nTierwise is running at http://127.0.0.1:${port}  (Ctrl-C stops it)\n`);
    }
  });

  const stop = async (code: number) => {
    app.kill('SIGTERM');
    await emulator.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  app.on('exit', (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
