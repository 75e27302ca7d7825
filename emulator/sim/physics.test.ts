import { describe, expect, it } from 'vitest';
import { createWorld } from './index';
import { REEL_JOB, TEST_NOW_MS, UHD_CLIP, VEO_CLIP, payloadOf, quietScenario } from './fixtures';
import { simulateAttempt, type AttemptNoise } from './physics';
import { GIB } from './quantities';
import { physicsSchema } from './scenario-schema';
import { featuresOf, parsePayload } from './workload';

const physics = physicsSchema.parse({});
const calm: AttemptNoise = { duration: 1, memory: 1, retryDelaySeconds: 10 };
const limits = { vcpu: 2, memoryBytes: 4 * GIB, timeoutSeconds: 900 };
const features = (payload: string) => featuresOf(parsePayload(payload)!);
const typical = features(payloadOf(4, VEO_CLIP));

function runOnce(payload: string, minutes = 120) {
  const world = createWorld(quietScenario(), { seed: 7, now: TEST_NOW_MS });
  const started = world.runJob(REEL_JOB, { env: [{ name: 'JOB_PAYLOAD', value: payload }] });
  world.advanceTo(TEST_NOW_MS + minutes * 60_000);
  return world.getExecution(REEL_JOB, started.id)!;
}

describe('reel physics', () => {
  it('runs a typical 4-clip reel in one to two minutes at the default limits', () => {
    const result = simulateAttempt(typical, limits, physics, calm);
    expect(result.outcome).toBe('succeeded');
    expect(result.durationSeconds).toBeGreaterThan(45);
    expect(result.durationSeconds).toBeLessThan(120);
    expect(result.peakMemoryBytes).toBeLessThan(1.5 * GIB);
  });

  it('is 1.6–1.9× slower at 1 vCPU than at 2, and more vCPU helps less than linearly', () => {
    const seconds = (vcpu: number) =>
      simulateAttempt(typical, { ...limits, vcpu }, physics, calm).durationSeconds;
    expect(seconds(1) / seconds(2)).toBeGreaterThan(1.6);
    expect(seconds(1) / seconds(2)).toBeLessThan(1.9);
    expect(seconds(2) / seconds(8)).toBeGreaterThan(1.3);
    expect(seconds(2) / seconds(8)).toBeLessThan(4);
  });

  it('uses less of the CPU it is given as vCPU grows', () => {
    const utilization = (vcpu: number) => {
      const r = simulateAttempt(typical, { ...limits, vcpu }, physics, calm);
      return r.cpuSeconds / (vcpu * r.durationSeconds);
    };
    expect(utilization(1)).toBeGreaterThan(0.8);
    expect(utilization(8)).toBeLessThan(utilization(2));
  });

  it('kills a reel of eight 4K clips with exit 137 at 4 GiB, again on every retry, and not at 16 GiB', () => {
    const heavy = payloadOf(8, UHD_CLIP);
    const execution = runOnce(heavy);
    const attempts = execution.tasks[0]!.attempts;
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.outcome === 'oom' && a.exitCode === 137)).toBe(true);
    expect(execution.failedCount).toBe(1);
    const roomy = simulateAttempt(
      features(heavy),
      { vcpu: 8, memoryBytes: 16 * GIB, timeoutSeconds: 1800 },
      physics,
      calm,
    );
    expect(roomy.outcome).toBe('succeeded');
  });

  it('kills an attempt at the timeout with signal 9 and retries it', () => {
    const long = payloadOf(5, { seconds: 120, width: 1080, height: 1920, mb: 150 });
    const execution = runOnce(long, 60);
    const attempts = execution.tasks[0]!.attempts;
    expect(attempts).toHaveLength(3);
    for (const attempt of attempts) {
      expect(attempt.outcome).toBe('timeout');
      expect(attempt.termSignal).toBe(9);
      expect(attempt.endMs! - attempt.startMs).toBe(900_000);
    }
    expect(execution.retriedCount).toBe(1);
  });

  it('needs more memory for more clips, 4K and longer clips', () => {
    const peak = (payload: string) =>
      simulateAttempt(features(payload), { ...limits, memoryBytes: 32 * GIB }, physics, calm)
        .peakMemoryBytes;
    const veo = peak(payloadOf(4, VEO_CLIP));
    expect(peak(payloadOf(10, VEO_CLIP))).toBeGreaterThan(veo);
    expect(peak(payloadOf(4, { ...VEO_CLIP, width: 2160, height: 3840 }))).toBeGreaterThan(veo);
    expect(peak(payloadOf(4, { ...VEO_CLIP, seconds: 120, mb: 180 }))).toBeGreaterThan(veo);
  });
});
