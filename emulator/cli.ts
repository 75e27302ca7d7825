/**
 * `npm run emulator -- [--scenario FILE] [--seed N] [--port P] [--now ISO] [--ground-truth FILE]
 * [--faults SPEC] [--follow-clock]`: serves a simulated project on 127.0.0.1 until stopped.
 * stdout carries exactly one line, `listening on 127.0.0.1:PORT`, for scripts to wait for.
 */
import { writeFileSync } from 'node:fs';
import { CliArgumentError, USAGE, parseCliArgs, type CliOptions } from './cli-args';
import { startEmulator } from './server';

async function buildWorld(options: CliOptions) {
  // Loaded after the arguments are checked, so a bad flag is reported at once.
  const sim = await import('./sim/index');
  const scenarioPath = options.scenarioPath ?? sim.DEFAULT_SCENARIO_PATH;
  let scenario: ReturnType<typeof sim.loadScenario>;
  try {
    scenario = sim.loadScenario(scenarioPath);
  } catch (error) {
    throw new CliArgumentError(
      `--scenario ${scenarioPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const worldOptions = { seed: options.seed, now: options.nowMs };
  return {
    world: sim.createWorld(scenario, worldOptions),
    otherPlaces: sim.createOtherRegions(scenario, worldOptions),
  };
}

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2), Date.now());
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const startedWallMs = Date.now();
  const { world, otherPlaces } = await buildWorld(options);
  const writeGroundTruth = () => {
    if (options.groundTruthPath) {
      writeFileSync(options.groundTruthPath, `${JSON.stringify(world.groundTruth(), null, 2)}\n`);
    }
  };
  writeGroundTruth();
  const emulator = await startEmulator({
    world,
    otherPlaces,
    port: options.port,
    faults: options.faults,
    faultSeed: options.seed,
    // The simulated present runs at wall-clock speed from --now (from the real now by default).
    ...(options.followClock && { clock: () => options.nowMs + (Date.now() - startedWallMs) }),
  });
  const regions = [world, ...otherPlaces].map((w) => w.region).join(', ');
  console.error(`emulator: project ${world.project}, region ${regions}, seed ${options.seed}`);
  console.log(`listening on ${emulator.host}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // With a moving clock the world has changed since start: the ground truth follows it.
    if (options.followClock) writeGroundTruth();
    await emulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CliArgumentError) {
    console.error(`emulator: ${message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`emulator: ${message}`);
  process.exit(1);
});
