import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import type { JobReport } from '@/lib/domain/report';
import { findPriceBook } from '@/lib/domain/pricing';
import { openSnapshot } from '@/lib/snapshots/snapshots';
import { createTestDatabase } from '@/test/support/databases';
import { runCli } from './main';

const run = promisify(execFile);
const NOW = '2025-05-20T12:00:00Z';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ world: fixtureWorld(), port: 0 });
});

afterAll(async () => {
  await emulator.stop();
});

async function cli(argv: string[], extraEnv: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    env: {
      TIERWISE_EMULATOR_HOST: emulator.host,
      GOOGLE_CLOUD_PROJECT: FIXTURE_PROJECT,
      TIERWISE_REGION: FIXTURE_REGION,
      ...extraEnv,
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    nowMs: () => Date.parse(NOW),
  });
  return { code, stdout, stderr };
}

const base = ['report', '--job', 'reel-stitching-job', '--days', '1', '--now', NOW];

describe('tierwise report', () => {
  it('--share freezes the report into the store and prints only its link', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const env = {
        DATABASE_URL: database.url,
        TIERWISE_SHARE_AS: 'ops@example.com',
        TIERWISE_URL: 'https://tierwise.example.com/',
      };
      const { code, stdout, stderr } = await cli([...base, '--share'], env);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^https:\/\/tierwise\.example\.com\/r\/[A-Za-z0-9_-]{22}\n$/);
      expect(stderr).toMatch(/shared a snapshot of 6 executions/);
      const store = await database.open();
      const { document } = await openSnapshot(store, stdout.trim().split('/r/')[1]!);
      expect(document).toMatchObject({ takenBy: 'ops@example.com', takenAtMs: Date.parse(NOW) });
      expect(document.report.totals.executions).toBe(6);
    } finally {
      await database.drop();
    }
  });

  it('prints the report as JSON', async () => {
    const { code, stdout, stderr } = await cli(base);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JobReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.totals.executions).toBe(6);
    expect(report.inputs.priceBook.id).toBe('jobs-tier1');
    expect(stderr).toMatch(/6 executions read with \d+ Google API calls/);
  });

  it('prints one CSV row per tier, unclassified and a total', async () => {
    const { code, stdout } = await cli([...base, '--format', 'csv']);
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^tier,label,executions,/);
    expect(rows.map((r) => r.split(',')[0])).toEqual([
      'tier',
      'small',
      'medium',
      'large',
      'xlarge',
      'unclassified',
      'total',
    ]);
    expect(rows[5]).toContain('unclassified,Unclassified,6,4,2,13,7,4,4');
  });

  it('prints a Markdown summary for a ticket', async () => {
    const { code, stdout } = await cli([
      ...base,
      '--format',
      'md',
      '--price-book',
      'services-request',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('## reel-stitching-job — cost by tier');
    expect(stdout).toContain(
      `Request-based services, Tier 1 as of ${findPriceBook('services-request')!.asOf}`,
    );
    expect(stdout).toMatch(/\| Unclassified \| 6 \| 2 \| 4 \/ 4 \|/);
    expect(stdout).toContain('**Warnings**');
  });

  it('exits 1 with Google’s reason when the job does not exist', async () => {
    const { code, stderr } = await cli(['report', '--job', 'no-such-job', '--now', NOW]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/does not exist/);
  });

  it('runs as the package’s bin: a bad argument exits 2 naming it', async () => {
    const failure = await run(process.execPath, [
      'bin/tierwise.mjs',
      'report',
      '--job',
      'j',
      '--format',
      'xml',
    ]).catch((err: { code: number; stderr: string }) => err);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      '--format must be one of json, csv, md; got "xml"',
    );
  });

  it('runs as the package’s bin against the emulator', async () => {
    const { stdout } = await run(
      process.execPath,
      ['bin/tierwise.mjs', ...base, '--format', 'csv'],
      {
        env: {
          ...process.env,
          TIERWISE_EMULATOR_HOST: emulator.host,
          GOOGLE_CLOUD_PROJECT: FIXTURE_PROJECT,
          TIERWISE_REGION: FIXTURE_REGION,
        },
      },
    );
    expect(stdout.split('\r\n')[5]).toMatch(/^unclassified,Unclassified,6,/);
  });
});
