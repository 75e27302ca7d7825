import { loadScenario, type Scenario } from './scenario';
import { DEFAULT_SCENARIO_PATH } from './scenario';

/** A Tuesday noon, minute-aligned: the present of most simulator tests. */
export const TEST_NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
export const DAY_MS = 86_400_000;
export const REEL_JOB = 'reel-stitching-job';

/** The default scenario shortened to `days` of history, for fast tests. */
export function shortScenario(
  days: number,
  change: (s: Scenario) => Scenario = (s) => s,
): Scenario {
  return change({ ...loadScenario(DEFAULT_SCENARIO_PATH), days });
}

/** The default scenario with no arrivals at all: only what a test runs itself happens. */
export function quietScenario(): Scenario {
  return shortScenario(1, (s) => ({
    ...s,
    streams: s.streams.map((stream) => ({
      ...stream,
      arrivals: { ...stream.arrivals, perDay: 0 },
    })),
  }));
}

/** The JOB_PAYLOAD of a workload of `count` clips of one size and length. */
export function payloadOf(
  count: number,
  clip: { seconds: number; width: number; height: number; mb: number },
): string {
  return JSON.stringify({
    job_id: 'test',
    clips: Array.from({ length: count }, (_, i) => ({
      uri: `gs://test/c${i}.mp4`,
      duration_s: clip.seconds,
      width: clip.width,
      height: clip.height,
      size_mb: clip.mb,
    })),
  });
}

export const VEO_CLIP = { seconds: 8, width: 1080, height: 1920, mb: 15 } as const;
export const UHD_CLIP = { seconds: 30, width: 2160, height: 3840, mb: 210 } as const;
