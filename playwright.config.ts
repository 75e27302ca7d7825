import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3917);
// A fresh SQLite file per run, so no spec depends on what an earlier run stored.
const databaseUrl = `file:${path.join(tmpdir(), `tierwise-e2e-${process.pid}-${Date.now()}.db`)}`;
// The demo's clock offset (lib/clock.ts): a spec writes milliseconds here to let the simulated
// project run on. Named by the port, so the spec's process finds the file the server reads.
export const DEMO_CLOCK_FILE = path.join(tmpdir(), `tierwise-e2e-clock-${port}`);

// Debian's Chromium, started as root on a closed network: these flags keep it from sandboxing
// (impossible as root) and from reaching out to Google's hosts at start.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  // A job report over the demo's month renders thousands of executions; on a loaded two-core CI
  // machine a re-render after a window change can take longer than Playwright's 5 s default.
  expect: { timeout: 15_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.TIERWISE_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // The real demo command: builds if needed, then starts the emulator and the app.
    command: 'npm run demo',
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TIERWISE_DEMO_CLOCK_FILE: DEMO_CLOCK_FILE,
    },
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
