import { describe, expect, it } from 'vitest';
import type { AppliedChangeSummary } from '@/lib/changes/verify/applied';
import { changeMarkers } from './change-markers';

const summary = (id: string, at: string, verdict: AppliedChangeSummary['verdict']) =>
  ({
    id,
    job: 'reel-stitching-job',
    tier: 'small',
    appliedAtMs: Date.parse(at),
    verdict,
    executionsNeeded: verdict === 'too-early' ? 12 : 0,
    realisedSavingUsd: null,
    projectedSavingUsd: null,
  }) satisfies AppliedChangeSummary;

describe('change markers on the cost-per-day chart', () => {
  it('puts each change on the UTC day of its apply, the worst verdict of a day first', () => {
    const markers = changeMarkers(
      ['2026-11-30', '2026-12-01', '2026-12-02'],
      [
        summary('bbbbbbbbbbbbbbbbbbbbbb', '2026-12-01T23:59:00Z', 'too-early'),
        summary('aaaaaaaaaaaaaaaaaaaaaa', '2026-12-01T02:00:00Z', 'worse'),
        summary('cccccccccccccccccccccc', '2026-11-30T10:00:00Z', 'as-projected'),
        summary('dddddddddddddddddddddd', '2026-10-01T10:00:00Z', 'better'),
      ],
    );
    expect(markers.map((m) => [m.day, m.label, m.href, m.tone])).toEqual([
      ['2026-11-30', 'Change cccccc: as projected', '/changes/cccccccccccccccccccccc', 'ok'],
      [
        '2026-12-01',
        '2 changes: worse than projected',
        '/changes/aaaaaaaaaaaaaaaaaaaaaa',
        'danger',
      ],
    ]);
    expect(markers[1]?.changes.map((c) => c.text)).toEqual([
      'Change aaaaaaaaaaaaaaaaaaaaaa, tier small: worse than projected',
      'Change bbbbbbbbbbbbbbbbbbbbbb, tier small: too early to tell (12 more executions needed)',
    ]);
  });
});
