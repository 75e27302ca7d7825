import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimExecution } from '../world/types';
import {
  DAY_MS,
  REEL_JOB,
  TEST_NOW_MS,
  VEO_CLIP,
  payloadOf,
  quietScenario,
  shortScenario,
} from './fixtures';
import {
  DEFAULT_SCENARIO_PATH,
  METRIC,
  createWorld,
  loadScenario,
  type SimulatedWorld,
} from './index';

const payloadOfExecution = (e: SimExecution) =>
  e.template.env.find((v) => v.name === 'JOB_PAYLOAD')?.value;

function snapshot(world: SimulatedWorld): string {
  const series = world.metricTypes().map((t) => world.timeSeries(t));
  return JSON.stringify({
    executions: world.listExecutions(),
    jobs: world.listJobs(),
    series,
    truth: world.groundTruth(),
  });
}

describe('a simulated world', () => {
  const scenario = shortScenario(2);
  let world: SimulatedWorld;
  beforeAll(() => {
    world = createWorld(scenario, { seed: 42, now: TEST_NOW_MS + 25_000 });
  });

  it('is the same, byte for byte, for the same seed and different for another seed', () => {
    const again = createWorld(scenario, { seed: 42, now: TEST_NOW_MS });
    expect(snapshot(again)).toBe(snapshot(world));
    const other = createWorld(scenario, { seed: 43, now: TEST_NOW_MS });
    expect(snapshot(other)).not.toBe(snapshot(world));
  });

  it('rounds now down to the minute and shows nothing after it', () => {
    expect(world.now()).toBe(TEST_NOW_MS);
    const executions = world.listExecutions();
    expect(executions.length).toBeGreaterThan(200);
    for (const e of executions) {
      expect(e.createMs).toBeLessThanOrEqual(TEST_NOW_MS);
      for (const a of e.tasks.flatMap((t) => t.attempts)) {
        expect(a.startMs).toBeLessThanOrEqual(TEST_NOW_MS);
        if (a.endMs !== undefined) expect(a.endMs).toBeLessThanOrEqual(TEST_NOW_MS);
      }
    }
    for (const type of world.metricTypes()) {
      for (const s of world.timeSeries(type))
        expect(s.points.at(-1)!.endMs).toBeLessThanOrEqual(TEST_NOW_MS);
    }
  });

  it('lists executions newest first with JOB-xxxxx ids, payload env vars and uid/etag shapes', () => {
    const executions = world.listExecutions(REEL_JOB);
    const created = executions.map((e) => e.createMs);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(new Set(executions.map((e) => e.id)).size).toBe(executions.length);
    for (const e of executions) {
      expect(e.id).toMatch(/^reel-stitching-job-[a-z0-9]{5}$/);
      expect(e.uid).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(e.template.env.map((v) => v.name)).toEqual(
        expect.arrayContaining(['JOB_ID', 'JOB_TYPE', 'JOB_PAYLOAD']),
      );
    }
    expect(world.getJob(REEL_JOB)?.etag).toMatch(/^"[A-Za-z0-9_-]{20}"$/);
    expect(world.getJob(REEL_JOB)?.executionCount).toBe(executions.length);
    expect(world.getJob(REEL_JOB)?.latestExecutionId).toBe(executions[0]?.id);
  });

  it('shows an execution still running at now without a completion time, and its finished attempts', () => {
    const long = world
      .listExecutions(REEL_JOB)
      .find((e) => e.completionMs! - e.startMs! > 20 * 60_000 && e.tasks[0]!.attempts.length > 1)!;
    const secondAttempt = long.tasks[0]!.attempts[1]!;
    const midway = Math.ceil((secondAttempt.startMs + 1) / 60_000) * 60_000;
    const earlier = createWorld(scenario, { seed: 42, now: midway });
    const seen = earlier.getExecution(REEL_JOB, long.id)!;
    expect(seen.completionMs).toBeUndefined();
    expect(seen.runningCount).toBe(1);
    expect(seen.tasks[0]!.attempts.map((a) => a.outcome)).toEqual([
      long.tasks[0]!.attempts[0]!.outcome,
      'running',
    ]);
    expect(seen.tasks[0]!.attempts[1]!.endMs).toBeUndefined();
  });

  it('draws the same workloads whatever the limits, so outcomes can be compared', () => {
    const bigger = createWorld(
      {
        ...scenario,
        jobs: scenario.jobs.map((j) =>
          j.id === REEL_JOB ? { ...j, limits: [{ ...j.limits[0]!, cpu: '4' }] } : j,
        ),
      },
      { seed: 42, now: TEST_NOW_MS },
    );
    const before = world.listExecutions(REEL_JOB);
    const after = bigger.listExecutions(REEL_JOB);
    expect(after.map((e) => [e.id, e.createMs, payloadOfExecution(e)])).toEqual(
      before.map((e) => [e.id, e.createMs, payloadOfExecution(e)]),
    );
    const seconds = (list: readonly SimExecution[]) =>
      list.filter((e) => e.completionMs).reduce((sum, e) => sum + e.completionMs! - e.startMs!, 0);
    expect(seconds(after)).toBeLessThan(seconds(before));
  });

  it('writes a share of payloads truncated, so they cannot be parsed', () => {
    const year = createWorld(shortScenario(30), { seed: 1, now: TEST_NOW_MS });
    const payloads = year.listExecutions(REEL_JOB).map(payloadOfExecution);
    const unreadable = payloads.filter((p) => {
      try {
        JSON.parse(p ?? '');
        return false;
      } catch {
        return true;
      }
    });
    expect(unreadable.length / payloads.length).toBeGreaterThan(0.001);
    expect(unreadable.length / payloads.length).toBeLessThan(0.02);
  });
});

describe('the clock, updates and runs', () => {
  it('advanceTo adds the executions of the new hours and extends the series', () => {
    const world = createWorld(shortScenario(1), { seed: 5, now: TEST_NOW_MS });
    const count = world.listExecutions().length;
    const lastPoint = world.timeSeries(METRIC.cpuAllocation)[0]!.points.at(-1)!.endMs;
    world.advanceTo(TEST_NOW_MS + 6 * 3_600_000);
    expect(world.listExecutions().length).toBeGreaterThan(count + 20);
    expect(world.timeSeries(METRIC.cpuAllocation)[0]!.points.at(-1)!.endMs).toBeGreaterThan(
      lastPoint,
    );
    // An hour holds the same arrivals whichever clock step asked for it.
    const fresh = createWorld(shortScenario(1), { seed: 5, now: TEST_NOW_MS + 6 * 3_600_000 });
    const recent = (w: SimulatedWorld) =>
      JSON.stringify(w.listExecutions().filter((e) => e.createMs > TEST_NOW_MS - 3_600_000));
    expect(recent(world)).toBe(recent(fresh));
  });

  it('opened part-way through its window and advanced to the end, is the world created there', () => {
    // A limit change inside the replayed part, so scheduled updates are played too.
    const scenario = shortScenario(3, (s) => ({
      ...s,
      jobs: s.jobs.map((j) =>
        j.id === REEL_JOB
          ? { ...j, limits: [...j.limits, { ...j.limits[0]!, from: 1.5, cpu: '4' }] }
          : j,
      ),
    }));
    const whole = createWorld(scenario, { seed: 9, now: TEST_NOW_MS });
    const startMs = TEST_NOW_MS - 3 * DAY_MS;
    const replayed = createWorld(scenario, { seed: 9, now: startMs, windowEndMs: TEST_NOW_MS });
    expect(replayed.windowStartMs).toBe(whole.windowStartMs);
    expect(replayed.allExecutions()).toEqual([]);
    // Uneven steps off the minute, as a clock moves; each step read as the emulator would.
    for (let t = startMs + 17_321; t < TEST_NOW_MS; t += 5 * 3_600_000 + 41_017) {
      replayed.advanceTo(t);
      expect(replayed.listExecutions().every((e) => e.createMs <= t)).toBe(true);
      replayed.timeSeries(METRIC.cpuAllocation);
    }
    replayed.advanceTo(TEST_NOW_MS);
    expect(replayed.listExecutions().length).toBeGreaterThan(500);
    expect(replayed.getJob(REEL_JOB)?.generation).toBe(2);
    expect(snapshot(replayed)).toBe(snapshot(whole));
  });

  it('refuses to open outside its window', () => {
    const scenario = shortScenario(1);
    const open = (now: number) => createWorld(scenario, { seed: 9, now, windowEndMs: TEST_NOW_MS });
    expect(() => open(TEST_NOW_MS - 2 * DAY_MS)).toThrow(
      "now 2025-05-18T12:00:00.000Z is outside scenario reel-stitching's window 2025-05-19T12:00:00.000Z – 2025-05-20T12:00:00.000Z",
    );
    expect(() => open(TEST_NOW_MS + 60_000)).toThrow(RangeError);
  });

  it('updateJob bumps generation and etag, and only later executions carry the new template', () => {
    const world = createWorld(shortScenario(1), { seed: 5, now: TEST_NOW_MS });
    const job = world.getJob(REEL_JOB)!;
    const updated = world.updateJob(REEL_JOB, {
      template: { ...job.template, limits: { cpu: '4', memory: '8Gi' } },
      taskCount: job.taskCount,
      parallelism: job.parallelism,
      labels: job.labels,
    });
    expect(updated.generation).toBe(job.generation + 1);
    expect(updated.etag).not.toBe(job.etag);
    world.advanceTo(TEST_NOW_MS + DAY_MS / 4);
    for (const e of world.listExecutions(REEL_JOB)) {
      const after = e.createMs > TEST_NOW_MS;
      expect(e.template.limits.cpu).toBe(after ? '4' : '2');
      expect(e.jobGeneration).toBe(after ? updated.generation : job.generation);
    }
  });

  it('runJob starts an execution now with the workload of its JOB_PAYLOAD override', () => {
    const world = createWorld(quietScenario(), { seed: 3, now: TEST_NOW_MS });
    const payload = payloadOf(7, VEO_CLIP);
    const run = world.runJob(REEL_JOB, { env: [{ name: 'JOB_PAYLOAD', value: payload }] });
    expect(run.createMs).toBe(TEST_NOW_MS);
    expect(run.completionMs).toBeUndefined();
    expect(payloadOfExecution(run)).toBe(payload);
    expect(world.listExecutions(REEL_JOB)[0]?.id).toBe(run.id);
    world.advanceTo(TEST_NOW_MS + 30 * 60_000);
    expect(world.getExecution(REEL_JOB, run.id)?.succeededCount).toBe(1);
    const truth = world.groundTruth().executions.find((e) => e.executionId === run.id);
    expect(truth?.workload).toMatchObject({ clipCount: 7, totalMb: 105, tier: 'large' });
  });

  it('applies a scheduled limit change mid-window as an update of the job', () => {
    const tiered = loadScenario(path.join(path.dirname(DEFAULT_SCENARIO_PATH), 'tiered.json'));
    const world = createWorld({ ...tiered, days: 20 }, { seed: 1, now: TEST_NOW_MS });
    const medium = world.getJob('reel-stitching-job-medium')!;
    expect(medium.generation).toBe(2);
    expect(medium.template.limits.cpu).toBe('4');
    const cpus = new Set(
      world.listExecutions(medium.id).map((e) => `${e.jobGeneration}:${e.template.limits.cpu}`),
    );
    expect([...cpus].sort()).toEqual(['1:2', '2:4']);
  });
});

describe('the default scenario', () => {
  it('has 150–300 reel executions a day and a few percent of OOM kills and timeouts', () => {
    const world = createWorld(loadScenario(DEFAULT_SCENARIO_PATH), { seed: 1, now: TEST_NOW_MS });
    const executions = world.allExecutions(REEL_JOB);
    expect(executions.length / 30).toBeGreaterThan(150);
    expect(executions.length / 30).toBeLessThan(300);
    const share = (outcome: string) =>
      executions.filter((e) => e.tasks.some((t) => t.attempts.some((a) => a.outcome === outcome)))
        .length / executions.length;
    expect(share('oom')).toBeGreaterThan(0.005);
    expect(share('oom')).toBeLessThan(0.05);
    expect(share('timeout')).toBeGreaterThan(0.005);
    expect(share('timeout')).toBeLessThan(0.05);
    expect(world.allExecutions('thumbnail-refresh-job').length / 30).toBeGreaterThan(15);
  });
});
