/**
 * `npm run demo`: builds the app if needed, starts the embedded emulator on a free port and the
 * app against it, and prints the URL. Ctrl-C stops both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCENARIO_PATH, createWorld, loadScenario } from '../emulator/sim';
import { startEmulator } from '../emulator/server';

const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const SOURCE_FILES = ['next.config.ts', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestSourceMs(): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  [...SOURCE_DIRS, ...SOURCE_FILES].forEach(visit);
  return newest;
}

function buildIfNeeded(): void {
  const buildId = '.next/BUILD_ID';
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMs()) return;
  console.log('Building Tierwise (first run, or sources changed)…');
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

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

  const app = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: world.project,
      TIERWISE_REGION: world.region,
      TIERWISE_AUTH: process.env.TIERWISE_AUTH ?? 'demo',
    },
  });
  let announced = false;
  app.stdout.on('data', (chunk: Buffer) => {
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
