/**
 * A demo of its own for a spec that needs another scenario than playwright.config.ts's server:
 * `npm run demo` with that scenario, a fresh SQLite file and its own port, stopped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isBuildFresh } from '../scripts/build-if-needed';

export interface OwnDemo {
  readonly baseURL: string;
  stop(): Promise<void>;
}

// The build may be stale and the replay of the scenario's history takes a while on two cores.
const START_TIMEOUT_MS = 540_000;

async function waitForHealth(url: string, demo: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (demo.exitCode !== null) {
      throw new Error(`npm run demo exited with ${demo.exitCode}:\n${output()}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `the demo did not answer ${url} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`,
  );
}

export async function startOwnDemo(options: {
  scenario: string;
  port: number;
  env?: Readonly<Record<string, string>>;
}): Promise<OwnDemo> {
  // The config's server runs from the same build: rebuilding now would pull it from under it.
  if (!isBuildFresh()) {
    throw new Error(
      'The app sources changed since the build this run started with; run the browser tests again.',
    );
  }
  const databaseUrl = `file:${path.join(tmpdir(), `tierwise-e2e-${options.port}-${Date.now()}.db`)}`;
  // Its own process group, so stopping it stops the app and the emulator it started.
  const demo = spawn('npm', ['run', 'demo'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: databaseUrl,
      TIERWISE_SCENARIO: options.scenario,
      ...options.env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  demo.stdout?.on('data', keep);
  demo.stderr?.on('data', keep);
  const baseURL = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (demo.exitCode !== null || demo.pid === undefined) return;
    const exited = new Promise((resolve) => demo.once('exit', resolve));
    process.kill(-demo.pid, 'SIGTERM');
    await exited;
  };
  try {
    await waitForHealth(`${baseURL}/api/health`, demo, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, stop };
}
