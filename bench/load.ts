/**
 * Load on the job report: N clients, each asking for the report again as soon as the last answer
 * ended, for a bounded time, over loopback against the built app on the demo's project (a month
 * replayed into the ledger). Prints latency percentiles to the end of the streamed page and to its
 * first byte, errors by kind, and the server's peak resident memory (VmHWM, Linux).
 *
 * `TIERWISE_BENCH_LOAD_CLIENTS` (50), `TIERWISE_BENCH_LOAD_SECONDS` (60) and
 * `TIERWISE_BENCH_LOAD_HISTORY_DAYS` (30) shorten it. The generator is plain `node:http` with one
 * keep-alive socket per client, so it measures the server, not a client library.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SCENARIO_PATH, loadScenario } from '../emulator/sim';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { describeReplay, startDemoProject } from '../scripts/demo-project';
import { startApp } from '../scripts/start-app';
import { row, waitForHealth } from './measure';

const JOB = 'reel-stitching-job';
const PORT = 3943;

function wholeNumberFrom(name: string, fallback: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name}=${text}: expected a whole number from 1 to ${max}`);
  }
  return value;
}

type Sample = { readonly totalMs: number; readonly firstByteMs: number; readonly status: number };
type Outcome = Sample | { readonly error: string };

/** One GET to the end of its body; the page streams, so the last byte is what a reader waits for. */
function fetchOnce(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<Outcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers }, (response) => {
      const firstByteMs = performance.now() - start;
      response.on('data', () => {});
      response.on('end', () =>
        resolve({
          totalMs: performance.now() - start,
          firstByteMs,
          status: response.statusCode ?? 0,
        }),
      );
      response.on('error', (error) => resolve({ error: error.message }));
    });
    request.setTimeout(120_000, () => request.destroy(new Error('no answer within 120 s')));
    request.on('error', (error) => resolve({ error: error.message }));
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Resident memory of a process in MiB from /proc: now (VmRSS) and its peak so far (VmHWM). */
function memoryMiB(pid: number | undefined): { rss: number; peak: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  } catch {
    return undefined; // not Linux, or the server has exited
  }
}

async function drive(options: {
  url: URL;
  clients: number;
  seconds: number;
  pid: number | undefined;
}): Promise<{ outcomes: Outcome[]; sampledPeakMiB: number; elapsedMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const headers = { cookie: 'tierwise-demo-user=viewer', accept: 'text/html' };
  const outcomes: Outcome[] = [];
  let sampledPeakMiB = 0;
  const sampler = setInterval(() => {
    sampledPeakMiB = Math.max(sampledPeakMiB, memoryMiB(options.pid)?.rss ?? 0);
  }, 250);
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline)
      outcomes.push(await fetchOnce(agent, options.url, headers));
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  clearInterval(sampler);
  agent.destroy();
  return { outcomes, sampledPeakMiB, elapsedMs: performance.now() - start };
}

function report(result: Awaited<ReturnType<typeof drive>>, pid: number | undefined): void {
  const samples = result.outcomes.filter((o): o is Sample => 'status' in o);
  const ok = samples.filter((s) => s.status === 200);
  const errors = new Map<string, number>();
  for (const outcome of result.outcomes) {
    const kind =
      'error' in outcome ? outcome.error : outcome.status === 200 ? null : `HTTP ${outcome.status}`;
    if (kind) errors.set(kind, (errors.get(kind) ?? 0) + 1);
  }
  const total = ok.map((s) => s.totalMs).sort((a, b) => a - b);
  const first = ok.map((s) => s.firstByteMs).sort((a, b) => a - b);
  const figures = (sorted: number[]) =>
    [50, 95, 99].map((p) => `p${p} ${(percentile(sorted, p) / 1000).toFixed(2)} s`).join(', ') +
    `, max ${((sorted.at(-1) ?? Number.NaN) / 1000).toFixed(2)} s`;
  const seconds = result.elapsedMs / 1000;
  row(
    'requests answered 200',
    `${ok.length} in ${seconds.toFixed(1)} s (${(ok.length / seconds).toFixed(1)}/s)`,
  );
  row('latency to the end of the page', figures(total));
  row('latency to the first byte', figures(first));
  row(
    'errors',
    errors.size === 0
      ? '0'
      : `${[...errors.values()].reduce((a, b) => a + b, 0)} (${[...errors].map(([k, n]) => `${k} ×${n}`).join(', ')})`,
  );
  const memory = memoryMiB(pid);
  row(
    'server resident memory',
    memory
      ? `peak ${memory.peak.toFixed(0)} MiB (VmHWM since start), sampled peak under load ${result.sampledPeakMiB.toFixed(0)} MiB, now ${memory.rss.toFixed(0)} MiB`
      : 'not measured (no /proc)',
  );
}

export async function run(): Promise<void> {
  const clients = wholeNumberFrom('TIERWISE_BENCH_LOAD_CLIENTS', 50, 1000);
  const seconds = wholeNumberFrom('TIERWISE_BENCH_LOAD_SECONDS', 60, 3600);
  const historyDays = wholeNumberFrom('TIERWISE_BENCH_LOAD_HISTORY_DAYS', 30, 400);
  buildIfNeeded();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tierwise-bench-load-'));
  const databaseUrl = `file:${path.join(dataDir, 'tierwise.db')}`;
  const { world, emulator, replay } = await startDemoProject({
    scenario: loadScenario(DEFAULT_SCENARIO_PATH),
    seed: 1,
    history: { days: historyDays, databaseUrl, retentionDays: 400 },
  });
  if (replay) row('demo start: the ledger replay', describeReplay(replay, historyDays));
  const app: ChildProcess = startApp({
    port: PORT,
    stdout: 'ignore',
    env: {
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: world.project,
      TIERWISE_REGION: world.region,
      TIERWISE_AUTH: 'demo',
      DATABASE_URL: databaseUrl,
    },
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitForHealth(`${base}/api/health`);
    row('server resident memory after start', `${memoryMiB(app.pid)?.rss.toFixed(0) ?? '—'} MiB`);
    const url = new URL(`/jobs/${JOB}`, base);
    console.log(
      `${clients} clients × ${seconds} s on ${url.pathname}, cold (the first reading is part of the run)`,
    );
    report(await drive({ url, clients, seconds, pid: app.pid }), app.pid);
  } finally {
    if (app.exitCode === null) {
      const exited = once(app, 'exit');
      app.kill('SIGTERM');
      await exited;
    }
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
