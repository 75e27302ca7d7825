/**
 * Dashboard figures, on the project as `npm run demo` starts it (a month replayed into the ledger,
 * timed): server render time of the job report (cold, rebuilt for a new view, and served from the
 * report kept for a minute) next to a trivial page of the same app in the same run; Google API
 * calls per report over that ledger, and on an empty ledger at 1× and 10× the scenario's execution
 * rate; first-load JavaScript of the job report page, gzipped, as the browser fetches it;
 * Lighthouse scores.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { DEFAULT_SCENARIO_PATH, loadScenario, type Scenario } from '../emulator/sim';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { describeReplay, startDemoProject } from '../scripts/demo-project';
import { startApp } from '../scripts/start-app';
import { CHROMIUM_ARGS } from '../playwright.config';
import { medianMs, row, timeMs, waitForHealth } from './measure';

const LIGHTHOUSE_CLI = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');

const JOB = 'reel-stitching-job';
const VIEWER = { cookie: 'tierwise-demo-user=viewer' };

function scaled(scenario: Scenario, factor: number): Scenario {
  return {
    ...scenario,
    streams: scenario.streams.map((s) => ({
      ...s,
      arrivals: { ...s.arrivals, perDay: s.arrivals.perDay * factor },
    })),
  };
}

type Running = {
  base: string;
  calls: Record<string, number>;
  executions: number;
  stop: () => Promise<void>;
};

/** The demo's stack with `historyDays` replayed into a fresh ledger first (0: an empty ledger). */
async function startStack(scenario: Scenario, port: number, historyDays: number): Promise<Running> {
  const calls: Record<string, number> = {};
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tierwise-bench-dashboard-'));
  const databaseUrl = `file:${path.join(dataDir, 'tierwise.db')}`;
  const { world, emulator, replay } = await startDemoProject({
    scenario,
    seed: 1,
    history: { days: historyDays, databaseUrl, retentionDays: 400 },
    onCall: (method) => void (calls[method] = (calls[method] ?? 0) + 1),
  });
  if (replay) row('demo start: the ledger replay', describeReplay(replay, historyDays));
  const app: ChildProcess = startApp({
    port,
    stdout: 'ignore',
    env: {
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: world.project,
      TIERWISE_REGION: world.region,
      TIERWISE_AUTH: 'demo',
      DATABASE_URL: databaseUrl,
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
  try {
    await waitForHealth(`${base}/api/health`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, calls, executions: world.allExecutions().length, stop };
}

/** Until the last byte: the report streams, so the headers alone would measure the shell. */
async function getPage(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { headers: VIEWER });
  return { status: response.status, html: await response.text() };
}

async function renderTimes(stack: Running): Promise<string> {
  const page = `${stack.base}/jobs/${JOB}`;
  const trivial = `${stack.base}/bench-no-such-page`;
  await getPage(trivial);
  // The replay synced the ledger moments ago, so the first report reads only Monitoring.
  const { value: cold, calls: coldCalls } = await withCalls(stack, () =>
    timeMs(() => getPage(page)),
  );
  const staticMs = await medianMs(7, () => getPage(trivial));
  // Another objective reuses the window's reading; another window reads Google again.
  const objectives = ['?objective=cost', '?objective=speed', '?objective=balanced&book=jobs-tier2'];
  const rebuilt: number[] = [];
  for (const view of objectives) rebuilt.push((await timeMs(() => getPage(`${page}${view}`))).ms);
  rebuilt.sort((a, b) => a - b);
  const { value: week, calls: weekCalls } = await withCalls(stack, () =>
    timeMs(() => getPage(`${page}?days=7`)),
  );
  const { value: quarter, calls: quarterCalls } = await withCalls(stack, () =>
    timeMs(() => getPage(`${page}?days=90`)),
  );
  const cachedMs = await medianMs(7, () => getPage(page));
  const ratio = (ms: number) =>
    `${ms.toFixed(0)} ms (${(ms / staticMs).toFixed(1)}× the trivial page)`;
  row('trivial page (not-found page of the same app), median of 7', `${staticMs.toFixed(0)} ms`);
  row(`job report cold: first request after start, HTTP ${cold.value.status}`, ratio(cold.ms));
  row(`job report cold over the replayed month, 1× rate`, coldCalls);
  row(
    'job report, another objective or book over the same window (median of 3)',
    ratio(rebuilt[1]!),
  );
  row('job report, another window (7 days): read again', `${ratio(week.ms)}; ${weekCalls}`);
  row('job report, a 90-day window: read again', `${ratio(quarter.ms)}; ${quarterCalls}`);
  row('job report warm: report kept from the last minute, median of 7', ratio(cachedMs));
  return cold.value.html;
}

/** What `request` returns and the Google API calls it made, by method. */
async function withCalls<T>(
  stack: Running,
  request: () => Promise<T>,
): Promise<{ value: T; calls: string }> {
  for (const key of Object.keys(stack.calls)) delete stack.calls[key];
  const value = await request();
  const total = Object.values(stack.calls).reduce((a, b) => a + b, 0);
  const detail = Object.entries(stack.calls)
    .map(([method, n]) => `${method.split('/').pop()} ${n}`)
    .join(', ');
  return { value, calls: `${total} Google API calls (${detail})` };
}

/** A page view that syncs first: the report of a job whose ledger is empty. */
async function callsPerReport(scenario: Scenario, factor: number, port: number): Promise<void> {
  const stack = await startStack(scaled(scenario, factor), port, 0);
  try {
    const { value, calls } = await withCalls(stack, () => getPage(`${stack.base}/jobs/${JOB}`));
    row(
      `job report, empty ledger, ${factor}× rate (${stack.executions} simulated executions)`,
      `${calls}; HTTP ${value.status}`,
    );
  } finally {
    await stack.stop();
  }
}

/** Every script the page's HTML loads, fetched and gzipped as a browser would receive it. */
async function firstLoadJs(base: string, html: string, what: string): Promise<void> {
  const sources = [
    ...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!)),
  ];
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  row(
    `first-load JavaScript of ${what} (${sources.length} scripts)`,
    `${(gzipBytes / 1024).toFixed(1)} KiB gzip (${(rawBytes / 1024).toFixed(0)} KiB raw)`,
  );
}

type LighthouseResult = {
  categories: Record<string, { score: number; auditRefs?: { id: string; weight: number }[] }>;
  audits: Record<string, { displayValue?: string; score?: number | null; title?: string }>;
};

/** The accessibility audits that failed, so a score below 100 says what to fix. */
function failedAccessibility(result: LighthouseResult): string {
  const failed = (result.categories.accessibility?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && result.audits[ref.id]?.score === 0)
    .map((ref) => ref.id);
  return failed.length > 0 ? `; failed: ${failed.join(', ')}` : '';
}

/**
 * Lighthouse (the devDependency, desktop preset: a dashboard people open on a desktop; simulated
 * throttling) with Debian's Chromium and the browser tests' flags, so nothing is downloaded and
 * Chromium reaches no Google host.
 */
async function lighthouse(url: string, label: string): Promise<void> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'tierwise-lh-')), 'report.json');
  try {
    // Asynchronous: the emulator answers from this same process while Lighthouse loads the page.
    await promisify(execFile)(
      process.execPath,
      [
        LIGHTHOUSE_CLI,
        url,
        '--quiet',
        '--preset=desktop',
        '--only-categories=performance,accessibility',
        '--output=json',
        `--output-path=${out}`,
        `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
      ],
      {
        env: { ...process.env, CHROME_PATH: process.env.TIERWISE_CHROMIUM ?? '/usr/bin/chromium' },
        timeout: 180_000,
      },
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as LighthouseResult;
    const audit = (id: string) => result.audits[id]?.displayValue ?? '—';
    const score = (id: string) => {
      const value = result.categories[id]?.score;
      return typeof value === 'number' ? String(Math.round(value * 100)) : '—';
    };
    row(
      `Lighthouse, ${label}`,
      `performance ${score('performance')}, accessibility ${score('accessibility')} (LCP ${audit('largest-contentful-paint')}, TBT ${audit('total-blocking-time')}, CLS ${audit('cumulative-layout-shift')}${failedAccessibility(result)})`,
    );
  } catch (error) {
    const said = `${(error as { stderr?: string }).stderr ?? ''}\n${String(error)}`;
    row(
      `Lighthouse, ${label}`,
      `not measured: ${
        said
          .trim()
          .split('\n')
          .find((line) => line.trim()) ?? 'Lighthouse failed'
      }`,
    );
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

/** `TIERWISE_BENCH_DASHBOARD=lighthouse`: only the Lighthouse scores (a few minutes, not ten). */
const LIGHTHOUSE_ONLY = process.env.TIERWISE_BENCH_DASHBOARD === 'lighthouse';

export async function run(): Promise<void> {
  const scenario = loadScenario(DEFAULT_SCENARIO_PATH);
  buildIfNeeded();
  const stack = await startStack(scenario, 3941, 30);
  if (LIGHTHOUSE_ONLY) {
    try {
      // Both pages warm, as in the full run: Lighthouse measures the browser, not the first read.
      await getPage(`${stack.base}/jobs/${JOB}`);
      await getPage(`${stack.base}/`);
      await lighthouse(`${stack.base}/jobs/${JOB}`, 'job report');
      await lighthouse(`${stack.base}/`, 'overview');
    } finally {
      await stack.stop();
    }
    return;
  }
  try {
    const html = await renderTimes(stack);
    await firstLoadJs(stack.base, html, 'the job report');
    const trivial = await getPage(`${stack.base}/bench-no-such-page`);
    await firstLoadJs(stack.base, trivial.html, 'the trivial page');
    // The demo's viewer needs no cookie; the report is warm from the runs above.
    await lighthouse(`${stack.base}/jobs/${JOB}`, 'job report');
    await lighthouse(`${stack.base}/`, 'overview');
  } finally {
    await stack.stop();
  }
  await callsPerReport(scenario, 1, 3942);
  await callsPerReport(scenario, 10, 3943);
}
