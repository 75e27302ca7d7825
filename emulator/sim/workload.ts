import type { Rng } from './prng';
import type { ScenarioMix, ScenarioStream } from './scenario';
import type { TierName } from './scenario-schema';

export interface Clip {
  readonly durationSeconds: number;
  readonly width: number;
  readonly height: number;
  readonly sizeMb: number;
}

/** What one execution has to process: the clips named in its JOB_PAYLOAD. */
export interface Workload {
  readonly clips: readonly Clip[];
}

export interface WorkloadFeatures {
  readonly clipCount: number;
  readonly totalMb: number;
  readonly mediaSeconds: number;
  /** The largest clip frame, which sets the output frame. */
  readonly width: number;
  readonly height: number;
  readonly megapixelSeconds: number;
}

const round = (value: number, step: number) => Math.round(value / step) * step;

function clipCount(mix: ScenarioMix, rng: Rng): number {
  const { min, max, tailProbability, tailMax } = mix.clips;
  if (tailMax !== undefined && rng.chance(tailProbability)) return rng.int(max + 1, tailMax);
  return rng.int(min, max);
}

function drawClip(mix: ScenarioMix, rng: Rng): Clip {
  const durationSeconds = round(rng.uniform(mix.clipSeconds.min, mix.clipSeconds.max), 0.1);
  const sizeMb = mix.clipMb
    ? rng.uniform(mix.clipMb.min, mix.clipMb.max)
    : durationSeconds * rng.uniform(mix.mbPerMediaSecond?.min ?? 1, mix.mbPerMediaSecond?.max ?? 1);
  return {
    durationSeconds,
    width: mix.resolution.width,
    height: mix.resolution.height,
    sizeMb: Math.max(0.1, round(sizeMb, 0.1)),
  };
}

/** Draws one workload from the stream's mix; sizes are rounded as the payload writes them. */
export function drawWorkload(stream: ScenarioStream, rng: Rng): Workload {
  const mix = stream.mix[rng.pick(stream.mix.map((m) => m.weight))] ?? stream.mix[0];
  if (!mix) throw new Error(`stream ${stream.name} has no workload mix`);
  const count = clipCount(mix, rng);
  return { clips: Array.from({ length: count }, () => drawClip(mix, rng)) };
}

export function featuresOf(workload: Workload): WorkloadFeatures {
  let totalMb = 0;
  let mediaSeconds = 0;
  let megapixelSeconds = 0;
  let width = 0;
  let height = 0;
  for (const clip of workload.clips) {
    totalMb += clip.sizeMb;
    mediaSeconds += clip.durationSeconds;
    megapixelSeconds += (clip.durationSeconds * clip.width * clip.height) / 1e6;
    if (clip.width * clip.height > width * height) ({ width, height } = clip);
  }
  return {
    clipCount: workload.clips.length,
    totalMb,
    mediaSeconds,
    width,
    height,
    megapixelSeconds,
  };
}

/** The seed's tier function (calculate_resource_tier). */
export function tierOf(features: Pick<WorkloadFeatures, 'clipCount' | 'totalMb'>): TierName {
  const { clipCount: clips, totalMb } = features;
  if (clips <= 3 && totalMb < 100) return 'small';
  if (clips <= 6 && totalMb < 300) return 'medium';
  if (clips <= 10 && totalMb < 600) return 'large';
  return 'xlarge';
}

/** The JOB_PAYLOAD the orchestrator writes; a share of them is truncated and unreadable. */
export function payloadText(
  jobKey: string,
  workload: Workload,
  stream: ScenarioStream,
  unreadable: boolean,
): string {
  const { width, height } = featuresOf(workload);
  const text = JSON.stringify({
    job_id: jobKey,
    clips: workload.clips.map((clip, i) => ({
      uri: `${stream.inputBucket}/${jobKey}/clip-${i + 1}.mp4`,
      duration_s: clip.durationSeconds,
      width: clip.width,
      height: clip.height,
      size_mb: clip.sizeMb,
    })),
    output: { uri: `${stream.outputBucket}/${jobKey}/reel.mp4`, width, height, format: 'mp4' },
  });
  // A payload cut off mid-way, as a message-size limit or a crashed writer would leave it.
  return unreadable ? text.slice(0, Math.max(1, Math.floor(text.length * 0.6))) : text;
}

function clipOf(value: unknown): Clip | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const clip = value as Record<string, unknown>;
  const fields = [clip.duration_s, clip.width, clip.height, clip.size_mb];
  if (!fields.every((f) => typeof f === 'number' && Number.isFinite(f) && f > 0)) return undefined;
  const [durationSeconds, width, height, sizeMb] = fields as number[];
  return { durationSeconds: durationSeconds!, width: width!, height: height!, sizeMb: sizeMb! };
}

/** The workload a JOB_PAYLOAD describes, or undefined when it cannot be read. */
export function parsePayload(text: string): Workload | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const clips = (json as { clips?: unknown } | null)?.clips;
  if (!Array.isArray(clips) || clips.length === 0) return undefined;
  const parsed = clips.map(clipOf);
  return parsed.every((c) => c !== undefined) ? { clips: parsed as Clip[] } : undefined;
}
