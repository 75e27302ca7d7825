/**
 * TIERWISE_PROJECTS: a second project read beside GOOGLE_CLOUD_PROJECT, with the same job names.
 * The overview lists both projects' jobs apart, and a report names its project.
 */
import { describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator/server';
import { appEnvironmentForTests, lastDayView } from '@/test/support/emulator';
import { createWorld } from '@/emulator/sim';
import { shortScenario } from '@/emulator/sim/fixtures';

const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const JOB = 'reel-stitching-job';
const OTHER = 'tierwise-other';
let home: string;

appEnvironmentForTests('projects', async () => {
  const world = createWorld(shortScenario(2), { seed: 6, now: NOW_MS });
  const other = createWorld(
    shortScenario(2, (s) => ({ ...s, project: OTHER })),
    { seed: 7, now: NOW_MS },
  );
  home = world.project;
  const emulator = await startEmulator({ world, otherPlaces: [other], port: 0 });
  return {
    emulator,
    env: {
      GOOGLE_CLOUD_PROJECT: home,
      TIERWISE_PROJECTS: OTHER,
      TIERWISE_REGION: world.region,
      TIERWISE_REGIONS: undefined,
    },
  };
});

const view = lastDayView('cost');

describe('an overview of two projects', () => {
  it('lists each project’s jobs apart, one row per project and name', async () => {
    const { getProjectOverview } = await import('./overview');
    const overview = await getProjectOverview(view, NOW_MS);
    expect(overview.projects).toEqual([home, OTHER]);
    const reels = overview.rows.filter((r) => r.job === JOB);
    expect(reels.map((r) => r.project).sort()).toEqual([home, OTHER].sort());
    expect(reels.every((r) => r.problem === null && (r.executions ?? 0) > 0)).toBe(true);
    expect(reels[0]!.executions).not.toBe(reels[1]!.executions);
  });

  it('reads the project a report names, the default project otherwise', async () => {
    const { loadReportView } = await import('./report-view');
    const other = await loadReportView({ ...view, job: JOB, project: OTHER }, NOW_MS);
    const own = await loadReportView({ ...view, job: JOB }, NOW_MS);
    expect(other.report.inputs.project).toBe(OTHER);
    expect(own.report.inputs.project).toBe(home);
    expect(other.report.totals.executions).not.toBe(own.report.totals.executions);
    expect(other.report.warnings.map((w) => w.kind)).not.toContain('execution-gap');
  });
});
