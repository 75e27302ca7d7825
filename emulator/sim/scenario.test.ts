import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_PATH, ScenarioError, loadScenario, parseScenario } from './scenario';

const tieredPath = path.join(path.dirname(DEFAULT_SCENARIO_PATH), 'tiered.json');
const fleetPath = path.join(path.dirname(DEFAULT_SCENARIO_PATH), 'fleet-200.json');

function withJob(change: Record<string, unknown>) {
  const raw = JSON.parse(JSON.stringify(loadScenario(DEFAULT_SCENARIO_PATH))) as { jobs: object[] };
  raw.jobs[0] = { ...raw.jobs[0], ...change };
  return raw;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenarios', () => {
  it('ships a default and a tiered scenario that load with their defaults filled in', () => {
    const reel = loadScenario(DEFAULT_SCENARIO_PATH);
    expect(reel.project).toBe('demo-project');
    expect(reel.jobs.map((j) => j.id)).toEqual(['reel-stitching-job', 'thumbnail-refresh-job']);
    expect(reel.jobs[0]?.limits[0]).toMatchObject({
      cpu: '2',
      memory: '4Gi',
      timeoutSeconds: 900,
      maxRetries: 2,
    });
    expect(reel.streams[0]?.physics.parallelFraction).toBeGreaterThan(0);
    const tiered = loadScenario(tieredPath);
    expect(tiered.jobs.filter((j) => j.perExecutionMetrics)).toHaveLength(tiered.jobs.length);
    expect(tiered.jobs.find((j) => j.id === 'reel-stitching-job-medium')?.limits).toHaveLength(2);
  });

  it('names the file and the exact path of every bad field', () => {
    const raw = withJob({
      limits: [
        { from: 0, cpu: '2', memory: '4Gi' },
        { from: 3, cpu: '3', memory: '64Gi' },
      ],
    });
    const message = messageOf(() => parseScenario(raw, 'my-scenario.json'));
    expect(message).toContain('my-scenario.json');
    expect(message).toContain('jobs[0].limits[1].memory: "64Gi" exceeds 32 GiB');
    expect(message).toContain('jobs[0].limits[1].cpu: "3" is not a valid job CPU');
  });

  it.each([
    [
      { limits: [{ from: 0, cpu: '1', memory: '8Gi' }] },
      'jobs[0].limits[0].memory: "8Gi" exceeds 4 GiB, the most 1 vCPU allows',
    ],
    [
      { limits: [{ from: 0, cpu: '2', memory: '4Gi', maxRetries: 11 }] },
      'jobs[0].limits[0].maxRetries',
    ],
    [{ id: 'Reel_Job' }, 'jobs[0].id: must be 1–63 lowercase'],
    [{ limitz: [] }, 'jobs[0]: Unrecognized key'],
    [
      { labels: { 'run.googleapis.com/owner': 'me' } },
      'jobs[0].labels: labels[run.googleapis.com/owner]: labels in the run.googleapis.com namespace',
    ],
  ])('rejects %j', (change, expected) => {
    expect(messageOf(() => parseScenario(withJob(change), 'x.json'))).toContain(expected);
  });

  it('rejects a route to a job the scenario does not define', () => {
    const raw = JSON.parse(JSON.stringify(loadScenario(tieredPath))) as {
      streams: { route: { byTier: Record<string, string> } }[];
    };
    raw.streams[0]!.route.byTier.large = 'no-such-job';
    expect(messageOf(() => parseScenario(raw))).toContain(
      'streams[0].route.byTier.large: "no-such-job" is not one of the scenario\'s jobs',
    );
  });

  it('writes a fleet out as its jobs, each with a stream of its own and its variant of limits', () => {
    const fleet = loadScenario(fleetPath);
    expect(fleet.jobs).toHaveLength(200);
    expect(fleet.jobs[0]?.id).toBe('batch-job-001');
    expect(fleet.jobs[199]?.id).toBe('batch-job-200');
    expect(new Set(fleet.jobs.map((j) => j.id)).size).toBe(200);
    expect(fleet.streams.map((s) => s.route)).toEqual(fleet.jobs.map((j) => ({ job: j.id })));
    expect(fleet.streams[41]?.name).toBe('batch-042');
    // Four variants: copy i takes variant i mod 4.
    expect(fleet.jobs.map((j) => j.limits[0]?.cpu).slice(0, 5)).toEqual(['1', '2', '4', '1', '1']);
    expect(fleet.jobs[3]?.limits[0]?.timeoutSeconds).toBe(60);
    expect(fleet.streams[7]?.physics.baseMemoryMiB).toBe(150);
  });

  it('rejects a fleet whose copies clash with a job or whose variant limits are not allowed', () => {
    const raw = JSON.parse(readFileSync(fleetPath, 'utf8')) as {
      jobs?: object[];
      fleets: { count: number; variants: { limits: { memory: string }[] }[] }[];
    };
    raw.fleets[0]!.variants[2]!.limits[0]!.memory = '64Gi';
    raw.jobs = [{ ...loadScenario(DEFAULT_SCENARIO_PATH).jobs[0], id: 'batch-job-017' }];
    const message = messageOf(() => parseScenario(raw, 'fleet.json'));
    expect(message).toContain('fleets[0].variants[2].limits[0].memory: "64Gi" exceeds 32 GiB');
    expect(message).toContain('fleets[0].job.id: makes "batch-job-017", used by another job');
    expect(
      messageOf(() => parseScenario({ ...raw, jobs: [], fleets: [] }, 'empty.json')),
    ).toContain('jobs: give at least one job');
  });

  it('reports unreadable files and JSON with the file name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scenario-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"name": ');
    expect(messageOf(() => loadScenario(broken))).toMatch(/broken\.json is not valid JSON/);
    expect(messageOf(() => loadScenario(path.join(dir, 'missing.json')))).toMatch(
      /cannot read scenario .*missing\.json/,
    );
  });
});
