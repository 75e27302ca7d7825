/**
 * `npm run demo`: builds the app if needed, starts the embedded emulator on a free port, replays
 * the simulated project's recent history into the execution ledger, then starts the app against
 * the emulator with the clock following real time, and prints the URL. Ctrl-C stops both.
 *
 * The replay is what a deployment running `tierwise sync` every 15 minutes would have gathered:
 * the world opens TIERWISE_DEMO_HISTORY_DAYS back (default 30, at most the scenario's `days`; 0
 * starts with an empty ledger, as a first deployment does) and moves to the present in steps,
 * the ledger synced after each (scripts/demo-project.ts). Other settings: PORT (3000),
 * DATABASE_URL, TIERWISE_LEDGER_RETENTION_DAYS, TIERWISE_SCENARIO, TIERWISE_SEED, and
 * TIERWISE_DEMO_CLOCK_FILE: a file the demo resets to 0 at start; writing a number of
 * milliseconds into it moves the emulator and the app that far ahead of real time together.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCENARIO_PATH, loadScenario, type Scenario } from '../emulator/sim';
import { buildIfNeeded } from './build-if-needed';
import { DemoSettingError, demoHistorySettings, type DemoHistorySettings } from './demo-history';
import { describeReplay, startDemoProject } from './demo-project';
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

function settingsOrExit(scenario: Scenario): DemoHistorySettings {
  try {
    return demoHistorySettings(process.env, scenario);
  } catch (error) {
    if (!(error instanceof DemoSettingError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const port = parsePort(process.env.PORT, 3000);
  const scenarioPath = process.env.TIERWISE_SCENARIO ?? DEFAULT_SCENARIO_PATH;
  const seed = parsePort(process.env.TIERWISE_SEED, 1);
  const scenario = loadScenario(scenarioPath);
  const history = settingsOrExit(scenario);
  buildIfNeeded();

  const clockFile = process.env.TIERWISE_DEMO_CLOCK_FILE || undefined;
  if (clockFile) writeFileSync(clockFile, '0\n');
  const { world, emulator, replay } = await startDemoProject({
    scenario,
    seed,
    history,
    ...(clockFile && { clockFile }),
  });
  console.log(`emulator: ${path.relative(process.cwd(), scenarioPath)} on ${emulator.host}`);
  console.log(describeReplay(replay, history.days));

  const app = startApp({
    port,
    env: {
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: world.project,
      TIERWISE_REGION: world.region,
      // A scenario in several regions shows them all, as TIERWISE_REGIONS=all does against Google.
      ...(scenario.otherRegions.length > 0 && { TIERWISE_REGIONS: 'all' }),
      TIERWISE_AUTH: process.env.TIERWISE_AUTH ?? 'demo',
      DATABASE_URL: history.databaseUrl,
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
