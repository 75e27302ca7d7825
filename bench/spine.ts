/**
 * Spine figures: time to generate the default scenario, ListTimeSeries latency for 30 days of one
 * job at 60 s alignment through Google's client, and the Google API calls the first page makes at
 * 1× and 10× the scenario's execution rate (counted by the emulator, so nothing is missed).
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SCENARIO_PATH, createWorld, loadScenario, type Scenario } from '../emulator/sim';
import { startEmulator } from '../emulator/server';
import { createClients } from '../lib/gcp/clients';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { startApp } from '../scripts/start-app';
import { medianMs, row, waitForHealth } from './measure';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

function scaled(scenario: Scenario, factor: number): Scenario {
  return {
    ...scenario,
    streams: scenario.streams.map((s) => ({
      ...s,
      arrivals: { ...s.arrivals, perDay: s.arrivals.perDay * factor },
    })),
  };
}

async function generation(scenario: Scenario): Promise<void> {
  const ms = await medianMs(3, () => {
    const world = createWorld(scenario, { seed: 1, now: NOW });
    for (const type of world.metricTypes()) world.timeSeries(type);
  });
  const world = createWorld(scenario, { seed: 1, now: NOW });
  row(
    `generate default scenario (${world.allExecutions().length} executions, all series)`,
    `${ms.toFixed(0)} ms (median of 3)`,
  );
}

async function listTimeSeriesLatency(scenario: Scenario): Promise<void> {
  const world = createWorld(scenario, { seed: 1, now: NOW });
  const emulator = await startEmulator({ world });
  const clients = createClients({ emulatorHost: emulator.host });
  try {
    const interval = {
      startTime: { seconds: Math.floor((NOW - 30 * DAY_MS) / 1000) },
      endTime: { seconds: Math.floor(NOW / 1000) },
    };
    const filter = (metric: string) =>
      `metric.type = "run.googleapis.com/${metric}" AND resource.type = "cloud_run_job" AND resource.labels.job_name = "reel-stitching-job"`;
    const cases = [
      ['container/memory/utilizations', 'ALIGN_DELTA'],
      ['container/cpu/utilizations', 'ALIGN_PERCENTILE_99'],
      ['container/cpu/allocation_time', 'ALIGN_SUM'],
    ] as const;
    for (const [metric, aligner] of cases) {
      let points = 0;
      const ms = await medianMs(5, async () => {
        const [series] = await clients.metrics.listTimeSeries(
          {
            name: `projects/${world.project}`,
            filter: filter(metric),
            interval,
            aggregation: { alignmentPeriod: { seconds: 60 }, perSeriesAligner: aligner },
          },
          { autoPaginate: true },
        );
        points = series.reduce((sum, s) => sum + (s.points?.length ?? 0), 0);
      });
      row(
        `ListTimeSeries 30 d, 60 s, ${metric} ${aligner} (${points} points)`,
        `${ms.toFixed(0)} ms`,
      );
    }
  } finally {
    await clients.close();
    await emulator.stop();
  }
}

async function firstPageCalls(scenario: Scenario, factor: number, port: number): Promise<void> {
  const world = createWorld(scaled(scenario, factor), { seed: 1, now: NOW });
  const calls: Record<string, number> = {};
  const emulator = await startEmulator({
    world,
    onCall: (method) => {
      calls[method] = (calls[method] ?? 0) + 1;
    },
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tierwise-bench-'));
  let app: ChildProcess | undefined;
  try {
    app = startApp({
      port,
      stdout: 'ignore',
      env: {
        TIERWISE_EMULATOR_HOST: emulator.host,
        GOOGLE_CLOUD_PROJECT: world.project,
        TIERWISE_REGION: world.region,
        TIERWISE_AUTH: 'demo',
        DATABASE_URL: `file:${path.join(dataDir, 'tierwise.db')}`,
      },
    });
    await waitForHealth(`http://127.0.0.1:${port}/api/health`);
    for (const key of Object.keys(calls)) delete calls[key];
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { cookie: 'tierwise-demo-user=viewer' },
    });
    await response.text();
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    const detail = Object.entries(calls)
      .map(([method, n]) => `${method.split('/').pop()} ${n}`)
      .join(', ');
    row(
      `first page at ${factor}× rate (${world.allExecutions().length} executions)`,
      `${total} Google API calls (${detail}); HTTP ${response.status}`,
    );
  } finally {
    if (app && app.exitCode === null) {
      const exited = once(app, 'exit');
      app.kill('SIGTERM');
      await exited;
    }
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const scenario = loadScenario(DEFAULT_SCENARIO_PATH);
  await generation(scenario);
  await listTimeSeriesLatency(scenario);
  buildIfNeeded();
  await firstPageCalls(scenario, 1, 3931);
  await firstPageCalls(scenario, 10, 3932);
}
