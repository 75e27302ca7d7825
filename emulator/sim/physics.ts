import type { Physics } from './scenario';
import type { WorkloadFeatures } from './workload';

/**
 * The stitching program's physics (documented in emulator/scenarios/README.md): a container starts,
 * downloads its clips onto the in-memory file system, decodes every clip at once through one filter
 * graph while encoding the reel (Amdahl-parallel over vCPU), then uploads the result.
 */

const MIB = 2 ** 20;
const MB = 1e6;
/** Bytes of one 4:2:0 frame per pixel. */
const BYTES_PER_PIXEL = 1.5;
const REFERENCE_PIXELS = 1080 * 1920;

/** Per-attempt randomness, drawn once so that re-simulating at other limits reuses it. */
export interface AttemptNoise {
  /** Log-normal factor on every phase's duration. */
  readonly duration: number;
  /** Log-normal factor on memory above the runtime's base. */
  readonly memory: number;
  /** When set, the attempt fails by itself after this fraction of its natural run. */
  readonly errorAtFraction?: number;
  /** Seconds before this attempt starts after the previous one ended (unused for the first). */
  readonly retryDelaySeconds: number;
}

export interface CpuSegment {
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** Busy cores during the segment. */
  readonly cores: number;
}

export interface MemoryKnot {
  readonly atSeconds: number;
  readonly bytes: number;
}

/** How one uninterrupted run would unfold: CPU busy cores and memory over time. */
export interface RunProfile {
  readonly naturalSeconds: number;
  readonly cpu: readonly CpuSegment[];
  /** Piecewise-linear memory curve; its maximum is the natural peak. */
  readonly memory: readonly MemoryKnot[];
}

export type FinishedOutcome = 'succeeded' | 'oom' | 'timeout' | 'error';

export interface AttemptResult {
  readonly outcome: FinishedOutcome;
  readonly durationSeconds: number;
  readonly exitCode?: number;
  readonly termSignal?: number;
  readonly peakMemoryBytes: number;
  readonly cpuSeconds: number;
  readonly profile: RunProfile;
}

export interface AttemptLimits {
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
}

/** Amdahl's law: the share of the encode that does not parallelise runs on one core. */
export function encodeSeconds(cpuWorkSeconds: number, vcpu: number, physics: Physics): number {
  const p = physics.parallelFraction;
  return cpuWorkSeconds * (1 - p + p / vcpu);
}

/** The natural run of a workload at this vCPU, before memory and time limits apply. */
export function runProfile(
  features: WorkloadFeatures,
  vcpu: number,
  physics: Physics,
  noise: AttemptNoise,
): RunProfile {
  const d = noise.duration;
  const outputScale = (features.width * features.height) / REFERENCE_PIXELS;
  const outputMb = features.mediaSeconds * physics.outputMbPerMediaSecond * outputScale;
  const work = features.megapixelSeconds * physics.encodeCpuSecondsPerMegapixelSecond;
  const t0 = physics.startupSeconds * d;
  const t1 =
    t0 +
    (features.totalMb / physics.downloadMBps +
      features.clipCount * physics.downloadLatencySecondsPerClip) *
      d;
  const encode = encodeSeconds(work, vcpu, physics) * d;
  const t2 = t1 + encode;
  const t3 = t2 + (outputMb / physics.uploadMBps) * d;
  const busyEncode = Math.min(
    vcpu * encode,
    work * d * (1 + physics.parallelOverheadPerDoubling * Math.log2(vcpu)),
  );
  const cpu: CpuSegment[] = [
    { startSeconds: 0, endSeconds: t0, cores: Math.min(vcpu, 0.6) },
    { startSeconds: t0, endSeconds: t1, cores: Math.min(vcpu, 0.15) },
    { startSeconds: t1, endSeconds: t2, cores: encode > 0 ? busyEncode / encode : 0 },
    { startSeconds: t2, endSeconds: t3, cores: Math.min(vcpu, 0.1) },
  ];
  return {
    naturalSeconds: t3,
    cpu,
    memory: memoryKnots(features, physics, noise, [t0, t1, t2, t3], outputMb),
  };
}

function memoryKnots(
  features: WorkloadFeatures,
  physics: Physics,
  noise: AttemptNoise,
  [t0, t1, t2, t3]: readonly number[],
  outputMb: number,
): MemoryKnot[] {
  const base = physics.baseMemoryMiB * MIB;
  const frameBytes = (w: number, h: number) => w * h * BYTES_PER_PIXEL;
  // Every input stays open in one filter graph, so all decoders buffer at the same time.
  const decode =
    features.clipCount * frameBytes(features.width, features.height) * physics.decodeFramesBuffered;
  const encoder = frameBytes(features.width, features.height) * physics.encodeLookaheadFrames;
  const input = features.totalMb * MB;
  const output = outputMb * MB;
  const m = noise.memory;
  const above = (bytes: number) => base + bytes * m;
  const ramp = Math.min(5, ((t2 ?? 0) - (t1 ?? 0)) * 0.1);
  return [
    { atSeconds: 0, bytes: base * 0.4 },
    { atSeconds: t0 ?? 0, bytes: base },
    { atSeconds: t1 ?? 0, bytes: above(input) },
    { atSeconds: (t1 ?? 0) + ramp, bytes: above(input + decode + encoder) },
    { atSeconds: t2 ?? 0, bytes: above(input + decode + encoder + output) },
    { atSeconds: t2 ?? 0, bytes: above(input + output) },
    { atSeconds: t3 ?? 0, bytes: above(input + output) },
  ];
}

/** Busy CPU seconds of a profile within [fromSeconds, toSeconds]. */
export function busySeconds(profile: RunProfile, fromSeconds: number, toSeconds: number): number {
  let total = 0;
  for (const s of profile.cpu) {
    const overlap = Math.min(toSeconds, s.endSeconds) - Math.max(fromSeconds, s.startSeconds);
    if (overlap > 0) total += overlap * s.cores;
  }
  return total;
}

/** Memory at one moment of a profile, by linear interpolation between knots. */
export function memoryAt(profile: RunProfile, atSeconds: number): number {
  const knots = profile.memory;
  let value = knots[0]?.bytes ?? 0;
  for (let i = 1; i < knots.length; i += 1) {
    const a = knots[i - 1]!;
    const b = knots[i]!;
    if (atSeconds < a.atSeconds) break;
    if (atSeconds >= b.atSeconds) value = b.bytes;
    else
      value =
        a.bytes + ((b.bytes - a.bytes) * (atSeconds - a.atSeconds)) / (b.atSeconds - a.atSeconds);
  }
  return value;
}

/** Highest memory within [fromSeconds, toSeconds]: the ends and every knot between them. */
export function peakMemory(profile: RunProfile, fromSeconds: number, toSeconds: number): number {
  let peak = Math.max(memoryAt(profile, fromSeconds), memoryAt(profile, toSeconds));
  for (const knot of profile.memory) {
    if (knot.atSeconds > fromSeconds && knot.atSeconds < toSeconds) {
      peak = Math.max(peak, knot.bytes, memoryAt(profile, knot.atSeconds));
    }
  }
  return peak;
}

/** First moment the memory curve reaches the limit, or undefined when it never does. */
function oomSeconds(profile: RunProfile, limitBytes: number): number | undefined {
  const knots = profile.memory;
  for (let i = 1; i < knots.length; i += 1) {
    const a = knots[i - 1]!;
    const b = knots[i]!;
    if (a.bytes >= limitBytes) return a.atSeconds;
    if (b.bytes >= limitBytes) {
      const span = b.atSeconds - a.atSeconds;
      return span <= 0
        ? b.atSeconds
        : a.atSeconds + (span * (limitBytes - a.bytes)) / (b.bytes - a.bytes);
    }
  }
  return undefined;
}

/** One attempt: the natural run cut short by an OOM kill, the timeout or a transient error. */
export function simulateAttempt(
  features: WorkloadFeatures,
  limits: AttemptLimits,
  physics: Physics,
  noise: AttemptNoise,
): AttemptResult {
  const profile = runProfile(features, limits.vcpu, physics, noise);
  const natural = profile.naturalSeconds;
  const oomAt = oomSeconds(profile, limits.memoryBytes);
  const errorAt = noise.errorAtFraction === undefined ? undefined : natural * noise.errorAtFraction;
  const candidates: { at: number; outcome: FinishedOutcome }[] = [
    { at: natural, outcome: 'succeeded' },
    { at: limits.timeoutSeconds, outcome: 'timeout' },
  ];
  if (oomAt !== undefined) candidates.push({ at: oomAt, outcome: 'oom' });
  if (errorAt !== undefined) candidates.push({ at: errorAt, outcome: 'error' });
  // The earliest event ends the attempt; on a tie the kill wins over a clean exit.
  candidates.sort((a, b) => a.at - b.at || (a.outcome === 'succeeded' ? 1 : -1));
  const end = candidates[0]!;
  const durationSeconds = end.at;
  return {
    outcome: end.outcome,
    durationSeconds,
    ...(end.outcome === 'succeeded' && { exitCode: 0 }),
    ...(end.outcome === 'oom' && { exitCode: 137 }),
    ...(end.outcome === 'error' && { exitCode: 1 }),
    ...(end.outcome === 'timeout' && { termSignal: 9 }),
    // An OOM kill happens exactly when usage reaches the limit.
    peakMemoryBytes:
      end.outcome === 'oom'
        ? limits.memoryBytes
        : Math.min(limits.memoryBytes, peakMemory(profile, 0, durationSeconds)),
    cpuSeconds: busySeconds(profile, 0, durationSeconds),
    profile,
  };
}
