import { describe, expect, it } from 'vitest';
import { renderBody } from './bodies';

const proposed = {
  event: 'change.awaiting-approval',
  key: 'change.proposed:change:c9',
  at: Date.UTC(2026, 0, 5),
  actor: 'rae@example.com',
  changeId: 'c9',
  details: { project: 'demo-project', region: 'europe-west1', job: 'reel-stitching-job' },
} as const;

describe('a webhook about a change', () => {
  it("names the job's project and region, so a same-named job elsewhere is not mistaken", () => {
    const text = (JSON.parse(renderBody('slack', proposed)) as { text: string }).text;
    expect(text).toContain('job reel-stitching-job · demo-project / europe-west1');
    expect(text).toContain('Tierwise /changes/c9');
    expect(JSON.parse(renderBody('json', proposed))).toMatchObject({
      path: '/changes/c9',
      details: { region: 'europe-west1' },
    });
  });
});
