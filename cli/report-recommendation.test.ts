/** `tierwise report` on the default scenario: every format carries the recommended limits. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { createWorld, loadScenario } from '@/emulator/sim';
import type { JobReport } from '@/lib/domain/report';
import { putJobFailureBudget } from '@/lib/store/job-failure-budgets';
import { createTestDatabase } from '@/test/support/databases';
import { runCli } from './main';

const SCENARIO = fileURLToPath(
  new URL('../emulator/scenarios/reel-stitching.json', import.meta.url),
);
const NOW = '2025-05-20T12:00:00Z';
let emulator: RunningEmulator;

beforeAll(async () => {
  const world = createWorld(loadScenario(SCENARIO), { seed: 7, now: Date.parse(NOW) });
  emulator = await startEmulator({ world, port: 0 });
}, 60_000);

afterAll(async () => {
  await emulator.stop();
});

async function report(
  format: string,
  extra: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<string> {
  let stdout = '';
  const code = await runCli({
    argv: [
      'report',
      '--job',
      'reel-stitching-job',
      '--days',
      '7',
      '--now',
      NOW,
      '--objective',
      'cost',
      '--format',
      format,
      ...extra,
    ],
    env: {
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: 'demo-project',
      TIERWISE_REGION: 'us-central1',
      ...env,
    },
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    nowMs: () => Date.parse(NOW),
  });
  expect(code).toBe(0);
  return stdout;
}

describe('tierwise report with recommendations', () => {
  let json: JobReport;

  beforeAll(async () => {
    json = JSON.parse(await report('json')) as JobReport;
  }, 60_000);

  it('prints each tier’s recommendation in the JSON', () => {
    const small = json.tiers.find((t) => t.id === 'small');
    expect(small?.recommendation).toMatchObject({
      objective: 'cost',
      executions: small?.executions,
    });
    expect(small?.recommendation?.recommended.vcpu).toBeGreaterThan(0);
    expect(json.totals.monthlySavingUsd).toBeCloseTo(
      json.tiers.reduce((sum, t) => sum + (t.recommendation?.monthlySavingUsd ?? 0), 0) +
        (json.unclassified.recommendation?.monthlySavingUsd ?? 0),
      9,
    );
  });

  it('prints recommended limits, saving and confidence in the CSV', async () => {
    const rows = (await report('csv'))
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const header = rows[0] ?? [];
    const small = rows.find((row) => row[0] === 'small') ?? [];
    const pick = (name: string) => small[header.indexOf(name)];
    const expected = json.tiers.find((t) => t.id === 'small')?.recommendation;
    expect(pick('recommended_vcpu')).toBe(String(expected?.recommended.vcpu));
    expect(pick('recommended_memory_bytes')).toBe(String(expected?.recommended.memoryBytes));
    expect(Number(pick('monthly_saving_usd'))).toBeCloseTo(expected?.monthlySavingUsd ?? NaN, 9);
    expect(pick('confidence')).toBe(expected?.confidence);
  });

  it('prints a current → recommended table in the Markdown', async () => {
    const markdown = await report('md');
    expect(markdown).toContain('### Recommended limits (objective: cost)');
    const confidence = json.tiers.find((t) => t.id === 'small')?.recommendation?.confidence;
    expect(markdown).toMatch(
      new RegExp(
        `\\| Small \\| 2 vCPU · 4 GiB · 15 min timeout · 2 retries \\| .+ \\| ${confidence} \\|`,
      ),
    );
    expect(markdown).toMatch(/Projected saving over all tiers: \$[\d.]+ a month/);
  });
});

describe('tierwise report --failure-budget', () => {
  const maxRates = (json: JobReport) =>
    json.tiers.flatMap((t) => (t.recommendation ? [t.recommendation.failureBudget.maxRate] : []));

  it('holds every tier’s recommendation to the budget given', async () => {
    const given = maxRates(JSON.parse(await report('json', ['--failure-budget', '2%'])));
    expect(given.length).toBeGreaterThan(0);
    expect(new Set(given)).toEqual(new Set([0.02]));
    expect(new Set(maxRates(JSON.parse(await report('json'))))).toEqual(new Set([0.005]));
  }, 60_000);

  it('uses the job’s budget saved in DATABASE_URL, and the flag over it', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const store = await database.open();
      const ref = { project: 'demo-project', region: 'us-central1', job: 'reel-stitching-job' };
      await putJobFailureBudget(store, ref, 0.01, 'admin@example.com');
      const env = { DATABASE_URL: database.url };
      expect(new Set(maxRates(JSON.parse(await report('json', [], env))))).toEqual(new Set([0.01]));
      const flagged = await report('json', ['--failure-budget', '0.2%'], env);
      expect(new Set(maxRates(JSON.parse(flagged)))).toEqual(new Set([0.002]));
    } finally {
      await database.drop();
    }
  }, 120_000);
});
