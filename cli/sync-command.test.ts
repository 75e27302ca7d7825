import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJobStatus } from '@/lib/ledger';
import {
  monitoringView,
  REEL_JOB,
  startObservedEmulator,
  startTestProject,
  THUMBNAIL_JOB,
  type TestProject,
} from '@/test/support/ledger-world';
import { createTestDatabase, type TestDatabase } from '@/test/support/databases';
import { runCli } from './main';

let project: TestProject;
let database: TestDatabase;

beforeAll(async () => {
  project = await startTestProject({ days: 3, retention: { days: 2, executions: 10 } });
  database = await createTestDatabase('sqlite');
});

afterAll(async () => {
  await project.stop();
  await database.drop();
});

async function cli(argv: string[], emulatorHost = project.emulator.host) {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    env: {
      TIERWISE_EMULATOR_HOST: emulatorHost,
      GOOGLE_CLOUD_PROJECT: project.world.project,
      TIERWISE_REGION: project.world.region,
      DATABASE_URL: database.url,
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    nowMs: () => project.world.now(),
  });
  return { code, stdout, stderr };
}

describe('tierwise sync', () => {
  it('copies every job of the project into the ledger, then only what is new', async () => {
    const reels = project.world.listExecutions(REEL_JOB).length;
    const thumbnails = project.world.listExecutions(THUMBNAIL_JOB).length;
    const first = await cli(['sync']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `${REEL_JOB}: ${reels} listed, ${reels} written, 0 pruned; ${reels} stored`,
    );
    expect(first.stdout).toContain(`${THUMBNAIL_JOB}: ${thumbnails} listed, ${thumbnails} written`);
    expect(first.stderr).toMatch(/batch 1 written/);
    // Every job attributed and metered in one pass: one read per metric for the project (CPU,
    // memory, the two per-execution metrics; vCPU and memory allocation, completed count), not
    // per job.
    expect(first.stderr).toMatch(
      /CPU and memory of [1-9]\d* executions and [1-9]\d* hours of allocation and completed counts of \d+ jobs read from 7 Monitoring pages/,
    );

    const again = await cli(['sync', '--job', REEL_JOB]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      new RegExp(`^${REEL_JOB}: \\d+ listed, 0 written, 0 pruned; ${reels} stored\\n$`),
    );
    const store = await database.open();
    expect(await readJobStatus(store, project.ref(REEL_JOB))).toMatchObject({
      phase: 'idle',
      executionsStored: reels,
    });
  });

  it('tierwise report reads the ledger in DATABASE_URL, beyond what Cloud Run still lists', async () => {
    project.world.advanceTo(project.world.now() + 2 * 86_400_000);
    await cli(['sync']);
    const { code, stdout } = await cli(['report', '--job', THUMBNAIL_JOB, '--days', '5']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { totals: { executions: number } };
    const listed = project.world
      .listExecutions(THUMBNAIL_JOB)
      .filter((e) => e.completionMs !== undefined);
    expect(report.totals.executions).toBeGreaterThan(listed.length + 20);
  });

  it('says which executions are left unattributed when Monitoring fails, and still syncs', async () => {
    project.world.advanceTo(project.world.now() + 86_400_000);
    const down = await startObservedEmulator(monitoringView(project.world, 'down'), () => {});
    try {
      const { code, stdout, stderr } = await cli(['sync', '--job', REEL_JOB], down.host);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^${REEL_JOB}: \\d+ listed, [1-9]\\d* written`));
      expect(stderr).toMatch(
        /reel-stitching-job: CPU and memory of \d+ executions not attributed this time \(.*Monitoring is unavailable.*\); the next sync reads their minutes again/,
      );
    } finally {
      await down.stop();
    }
  });

  it('says so per job when the project-wide pass cannot read Monitoring, and still syncs', async () => {
    project.world.advanceTo(project.world.now() + 3_600_000);
    const down = await startObservedEmulator(monitoringView(project.world, 'down'), () => {});
    try {
      const { code, stderr } = await cli(['sync'], down.host);
      expect(code).toBe(0);
      for (const job of [REEL_JOB, THUMBNAIL_JOB]) {
        expect(stderr).toMatch(
          new RegExp(
            `${job}: CPU and memory of [1-9]\\d* executions not attributed this time \\(.*Monitoring is unavailable`,
          ),
        );
      }
      const store = await database.open();
      const status = await readJobStatus(store, project.ref(THUMBNAIL_JOB));
      expect(status.phase).toBe('idle');
      expect(status.syncedMs).toBe(project.world.now());
    } finally {
      await down.stop();
    }
  });

  it('names a job that does not exist and exits with 1', async () => {
    const { code, stderr } = await cli(['sync', '--job', 'no-such-job']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no-such-job/);
  });

  it('refuses options that belong to report', async () => {
    const { code, stderr } = await cli(['sync', '--days', '3']);
    expect(code).toBe(2);
    expect(stderr).toContain('--days is an option of "report", not of "sync"');
  });
});
