/**
 * Runs shorter than a minute. Cloud Run writes one utilisation sample per clock minute an instance
 * ran in, so a 5 s run has one sample, in the minute [m, m + 60 s) it ran in. ListTimeSeries with a
 * 60 s ALIGN_DELTA puts each aligned point at the end of its period
 * (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list#Aligner) and
 * steps the periods back from the request's end time, not from the clock (the emulator's
 * conformance test "aligns periods to the end time, not to the clock"): a query ending at :37 gets
 * periods (m:37 − 60 s, m:37], and the run's sample sits in a period that starts after it ended.
 */
import { describe, expect, it } from 'vitest';
import { T0, execution, minute } from '@/test/support/report-records';
import { attributeExecutions } from './attribute';
import { readWindow } from './window-reading';

const M = 60_000;

/** A clock-minute sample as Monitoring returns it from a query whose end is `offsetMs` past a minute. */
function aligned(clockMinuteStartMs: number, value: number, offsetMs: number) {
  const clockEnd = clockMinuteStartMs + M;
  const endMs = clockEnd + offsetMs;
  return { ...minute(endMs - M, value), endMs };
}

describe('a run shorter than a minute', () => {
  const offsets = [0, 1_000, 15_000, 37_000, 59_000];

  it.each(offsets)('reads its one sample whatever the alignment offset (%i ms)', (offsetMs) => {
    // Runs 10:20–10:25 into minute 10; the neighbours' minutes hold other values.
    const points = [
      aligned(T0 + 9 * M, 0.9, offsetMs),
      aligned(T0 + 10 * M, 0.3, offsetMs),
      aligned(T0 + 11 * M, 0.7, offsetMs),
    ];
    const startMs = T0 + 10 * M + 20_000;
    const reading = readWindow(points, startMs, startMs + 5_000);
    expect(reading).toEqual({ mean: 0.3, max: 0.3, samples: 1 });
  });

  it.each(offsets)(
    'gives every short run alone in its minute a sliced figure (offset %i ms)',
    (offsetMs) => {
      // One 4 s run every three minutes, at a different second each time, as a thumbnail job runs.
      const runs = Array.from({ length: 20 }, (_, i) =>
        execution({
          id: `thumb-${i}`,
          startMs: T0 + i * 3 * M + ((i * 7_919) % 56_000),
          seconds: 4,
        }),
      );
      const cpuPoints = runs.map((run, i) =>
        aligned(Math.floor((run.startMs ?? 0) / M) * M, 0.1 + i / 100, offsetMs),
      );
      const memoryPoints = cpuPoints.map((p) => ({ ...p, mean: 0.2 }));
      const results = attributeExecutions({
        executions: runs,
        cpuPoints,
        memoryPoints,
        nowMs: T0 + 70 * M,
      });
      expect(results.map((r) => r.cpuSource)).toEqual(runs.map(() => 'sliced'));
      expect(results.map((r) => r.memorySource)).toEqual(runs.map(() => 'sliced'));
      results.forEach((r, i) => expect(r.cpuUtilisation).toBeCloseTo(0.1 + i / 100, 10));
    },
  );

  it('does not read the next minute for a run ending exactly on a minute', () => {
    const points = [aligned(T0 + 10 * M, 0.3, 0), aligned(T0 + 11 * M, 0.8, 0)];
    expect(readWindow(points, T0 + 10 * M + 30_000, T0 + 11 * M)).toEqual({
      mean: 0.3,
      max: 0.3,
      samples: 1,
    });
  });

  it('reads both minutes of a short run that crosses a minute', () => {
    const points = [aligned(T0 + 10 * M, 0.2, 37_000), aligned(T0 + 11 * M, 0.6, 37_000)];
    const reading = readWindow(points, T0 + 10 * M + 58_000, T0 + 11 * M + 3_000);
    expect(reading?.samples).toBe(2);
    expect(reading?.max).toBe(0.6);
  });
});
