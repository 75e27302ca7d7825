import { describe, expect, it } from 'vitest';
import type { JobRow } from '@/lib/data/overview';
import { jobPageHref, reportHref } from './report-href';

const HOME = { project: 'demo-project', region: 'us-central1' };
const row = (place: { project: string; region: string }) =>
  ({ job: 'reel-stitching-job', ...place }) as JobRow;

describe('links to a job', () => {
  it('always name the region of a report, and the project outside the default one', () => {
    expect(reportHref(row(HOME), '?days=30', HOME.project)).toBe(
      '/jobs/reel-stitching-job?days=30&region=us-central1',
    );
    expect(
      reportHref(row({ project: 'other-project', region: 'europe-west1' }), '', HOME.project),
    ).toBe('/jobs/reel-stitching-job?region=europe-west1&project=other-project');
  });

  it('name the place of a propose page only outside the default place', () => {
    const path = '/jobs/reel-stitching-job/changes/new';
    expect(jobPageHref(path, 'days=30&tier=small', HOME, HOME)).toBe(`${path}?days=30&tier=small`);
    expect(jobPageHref(path, '', HOME, HOME)).toBe(path);
    expect(jobPageHref(path, 'tier=small', { ...HOME, region: 'europe-west1' }, HOME)).toBe(
      `${path}?tier=small&region=europe-west1&project=demo-project`,
    );
    expect(jobPageHref(path, '', { project: 'other-project', region: HOME.region }, HOME)).toBe(
      `${path}?region=us-central1&project=other-project`,
    );
  });
});
