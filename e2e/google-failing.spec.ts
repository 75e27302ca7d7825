/**
 * The built app against an emulator that injects faults (emulator/faults.ts): where a page can
 * still set its status, the status tells the truth — 503 with plain words when Cloud Run cannot be
 * read, 404 when it says the job does not exist — and Google's own status text stays out of it.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { FaultSpec } from '../emulator/faults';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '../emulator/run/fixture-world';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { startApp } from '../scripts/start-app';

const VIEWER = { cookie: 'tierwise-demo-user=viewer' };

type Stack = { base: string; stop: () => Promise<void> };

async function appOnFailingGoogle(
  faults: FaultSpec,
  port: number,
  env: Record<string, string> = {},
): Promise<Stack> {
  const emulator: RunningEmulator = await startEmulator({ world: fixtureWorld(), port: 0, faults });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tierwise-e2e-faults-'));
  const app: ChildProcess = startApp({
    port,
    stdout: 'ignore',
    env: {
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: FIXTURE_PROJECT,
      TIERWISE_REGION: FIXTURE_REGION,
      TIERWISE_AUTH: 'demo',
      DATABASE_URL: `file:${path.join(dataDir, 'tierwise.db')}`,
      ...env,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (app.exitCode === null) {
      const exited = once(app, 'exit');
      app.kill('SIGTERM');
      await exited;
    }
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer ${base}/api/health within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('Google down: a job page and the overview answer 503 in plain words, not 500 or 200', async () => {
  test.setTimeout(180_000);
  const stack = await appOnFailingGoogle(
    { unavailableRate: 1, exhaustedRate: 0, latencyMs: 0 },
    3981,
  );
  try {
    for (const page of ['/jobs/no-such-job', '/jobs/reel-stitching-job', '/']) {
      const response = await fetch(`${stack.base}${page}`, { headers: VIEWER });
      expect(response.status, page).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      const text = await response.text();
      expect(text).toBe(
        'Cloud Run could not be read: Google Cloud did not answer; try again in a minute.',
      );
    }
  } finally {
    await stack.stop();
  }
});

test('Google failing 70 % of calls: an unknown job is 404 or 503, never 500', async () => {
  test.setTimeout(180_000);
  const stack = await appOnFailingGoogle(
    { unavailableRate: 0.7, exhaustedRate: 0, latencyMs: 0 },
    3982,
  );
  try {
    const seen = new Set<number>();
    for (let round = 0; round < 12; round += 1) {
      const response = await fetch(`${stack.base}/jobs/no-such-job`, { headers: VIEWER });
      seen.add(response.status);
      expect([404, 503]).toContain(response.status);
      expect(await response.text()).not.toMatch(/UNAVAILABLE|injected fault/);
    }
    expect(seen.has(404)).toBe(true);
  } finally {
    await stack.stop();
  }
});

test('Google failing 70 % of calls: an overview row not read shows "—" and why, totals say "at least"', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // The overview reads Cloud Run per job only to sync a stale ledger: with no freshness every page
  // syncs every job again, so each request meets new faults.
  const stack = await appOnFailingGoogle(
    { unavailableRate: 0.7, exhaustedRate: 0, latencyMs: 0 },
    3983,
    { TIERWISE_LEDGER_FRESHNESS_SECONDS: '0' },
  );
  try {
    await page.setExtraHTTPHeaders(VIEWER);
    let partialPages = 0;
    // A 503 is a fair answer too (Cloud Run's job listing failed): 70 % of pages meet one, so the
    // views are tried in turn until one is served with some rows unread.
    const views = ['?days=7', '?days=30', '?days=90', '?days=7&objective=cost'];
    for (let attempt = 0; attempt < 24 && partialPages === 0; attempt += 1) {
      const query = views[attempt % views.length]!;
      const response = await page.goto(`${stack.base}/${query}`);
      expect([200, 503]).toContain(response?.status());
      if (response?.status() !== 200) continue;
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
      await expect(page.locator('main')).not.toContainText(/UNAVAILABLE|injected fault/);
      const rows = page.locator('tr[data-job]');
      const unread = rows.filter({ has: page.locator('[data-row-problem]') });
      const unreadCount = await unread.count();
      for (let i = 0; i < unreadCount; i += 1) {
        const row = unread.nth(i);
        await expect(row).toContainText(
          'Not read: Google Cloud did not answer; try again in a minute',
        );
        // Executions, failure cost, waste, saving and cost: "—", never $0.00 or 0.
        await expect(row.locator('[data-unread]')).toHaveCount(5);
        for (const cell of await row.locator('[data-unread]').allInnerTexts()) {
          expect(cell.replace(/\s+/g, ' ').trim()).toBe('— not read');
        }
        await expect(row).not.toContainText(/\$|no executions/);
      }
      if (unreadCount === 0) continue;
      partialPages += 1;
      const words =
        unreadCount === 1 ? '1 job could not be read' : `${unreadCount} jobs could not be read`;
      const opening = page.getByTestId('cost-over-time');
      await expect(opening.getByTestId('unread-jobs')).toContainText(`Partial: ${words}`);
      const all = opening.locator('dt', { hasText: 'All billed cost' }).locator('+ dd');
      if (unreadCount < (await rows.count())) await expect(all).toHaveText(/^at least \$/);
      else await expect(all).toHaveText('—');
    }
    expect(partialPages).toBeGreaterThan(0);
  } finally {
    await stack.stop();
  }
});
