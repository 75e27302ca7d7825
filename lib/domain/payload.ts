/**
 * Workload features read from an execution's `JOB_PAYLOAD` (the JSON the orchestrator passes as a run
 * override) through a configurable mapping. A payload that cannot be read yields a reason instead of
 * features, so the execution is still costed, as "unclassified".
 */

export type WorkloadFeatures = {
  readonly clipCount: number;
  readonly totalMb: number;
  /** Largest item by pixel count: `"1080x1920"`, or `"4K"` when its long side is ≥ 3840 px. */
  readonly maxResolution: string | undefined;
  readonly maxPixels: number | undefined;
  /** Sum of the items' media durations, when every item states one. */
  readonly totalMediaSeconds: number | undefined;
};

/** Dot paths (`"clips"`, `"meta.size_mb"`, `"inputs.0.files"`); item fields are relative to an item. */
export type PayloadMapping = {
  /** Path to the array of media items; `""` when the payload itself is the array. */
  readonly itemsPath: string;
  readonly sizeMbField: string;
  readonly durationSecondsField?: string;
  readonly widthField?: string;
  readonly heightField?: string;
};

/** The reel-stitching payload: `{"clips":[{"duration_s":8,"width":1080,"height":1920,"size_mb":14.2}], …}`. */
export const DEFAULT_PAYLOAD_MAPPING: PayloadMapping = {
  itemsPath: 'clips',
  sizeMbField: 'size_mb',
  durationSecondsField: 'duration_s',
  widthField: 'width',
  heightField: 'height',
};

const PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;

/** Checks a user-entered mapping; one message per offending path. */
export function validatePayloadMapping(
  mapping: PayloadMapping,
): { ok: true } | { ok: false; errors: Partial<Record<keyof PayloadMapping, string>> } {
  const errors: Partial<Record<keyof PayloadMapping, string>> = {};
  const fields = [
    'itemsPath',
    'sizeMbField',
    'durationSecondsField',
    'widthField',
    'heightField',
  ] as const;
  for (const field of fields) {
    const path = mapping[field];
    if (path === undefined || (field === 'itemsPath' && path === '') || PATH.test(path)) continue;
    errors[field] =
      `"${path}" is not a path; write field names joined by dots, such as "clips" or "meta.size_mb".`;
  }
  return Object.keys(errors).length === 0 ? { ok: true } : { ok: false, errors };
}

export type FeaturesResult =
  { ok: true; features: WorkloadFeatures } | { ok: false; reason: string };

const FOUR_K_LONG_SIDE_PX = 3840;

class UnreadablePayload extends Error {}

/** Split once per mapping field, not once per item: a million payloads read the same few paths. */
const pathSegments = new Map<string, readonly string[]>();

function segmentsOf(path: string): readonly string[] {
  let segments = pathSegments.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (pathSegments.size < 256) pathSegments.set(path, segments);
  }
  return segments;
}

function readPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current = value;
  for (const segment of segmentsOf(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function itemWhere(index: number, itemsPath: string): string {
  return itemsPath === '' ? `item ${index}` : `${itemsPath}[${index}]`;
}

/** A finite number ≥ 0 at `field` of item `index`, undefined when absent, otherwise unreadable. */
function readMeasure(
  item: unknown,
  field: string | undefined,
  index: number,
  itemsPath: string,
): number | undefined {
  if (field === undefined) return undefined;
  const value = readPath(item, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new UnreadablePayload(
      `${itemWhere(index, itemsPath)}.${field} is ${typeof value === 'number' ? String(value) : JSON.stringify(value)}, not a number of zero or more.`,
    );
  }
  return value;
}

/**
 * Reads every item and sums as it goes, with no closure or object per item: a report reads a
 * million payloads. Throws `UnreadablePayload` at the first item that cannot be read.
 */
function summariseItems(items: readonly unknown[], mapping: PayloadMapping): WorkloadFeatures {
  const { itemsPath, sizeMbField, durationSecondsField, widthField, heightField } = mapping;
  let totalMb = 0;
  let totalMediaSeconds: number | undefined = 0;
  let resolutionKnown = true;
  let bestPixels = -1;
  let bestWidth = 0;
  let bestHeight = 0;
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    const sizeMb = readMeasure(item, sizeMbField, index, itemsPath);
    if (sizeMb === undefined) {
      throw new UnreadablePayload(`${itemWhere(index, itemsPath)} has no ${sizeMbField}.`);
    }
    const durationSeconds = readMeasure(item, durationSecondsField, index, itemsPath);
    const width = readMeasure(item, widthField, index, itemsPath);
    const height = readMeasure(item, heightField, index, itemsPath);
    totalMb += sizeMb;
    totalMediaSeconds =
      totalMediaSeconds === undefined || durationSeconds === undefined
        ? undefined
        : totalMediaSeconds + durationSeconds;
    if (!resolutionKnown) continue;
    if (width === undefined || height === undefined) {
      resolutionKnown = false;
      continue;
    }
    const pixels = width * height;
    if (bestPixels >= 0 && pixels <= bestPixels) continue;
    bestPixels = pixels;
    bestWidth = width;
    bestHeight = height;
  }
  const resolution =
    resolutionKnown && bestPixels >= 0
      ? {
          label:
            Math.max(bestWidth, bestHeight) >= FOUR_K_LONG_SIDE_PX
              ? '4K'
              : `${bestWidth}x${bestHeight}`,
          pixels: bestPixels,
        }
      : undefined;
  return {
    clipCount: items.length,
    totalMb,
    maxResolution: resolution?.label,
    maxPixels: resolution?.pixels,
    totalMediaSeconds: items.length === 0 ? undefined : totalMediaSeconds,
  };
}

function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    throw new UnreadablePayload(
      `JOB_PAYLOAD is not JSON (it starts with ${JSON.stringify(payload.slice(0, 40))}).`,
    );
  }
}

/** Reads the workload features of one execution from its raw `JOB_PAYLOAD` value. */
export function extractFeatures(
  payload: string | undefined,
  mapping: PayloadMapping = DEFAULT_PAYLOAD_MAPPING,
): FeaturesResult {
  if (payload === undefined || payload.trim() === '') {
    return { ok: false, reason: 'The execution has no JOB_PAYLOAD.' };
  }
  try {
    return extractFeaturesFromValue(parseJson(payload), mapping);
  } catch (error) {
    if (error instanceof UnreadablePayload) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The same, from a payload already parsed from JSON. */
export function extractFeaturesFromValue(
  value: unknown,
  mapping: PayloadMapping = DEFAULT_PAYLOAD_MAPPING,
): FeaturesResult {
  const items = readPath(value, mapping.itemsPath);
  if (!Array.isArray(items)) {
    const where = mapping.itemsPath === '' ? 'JOB_PAYLOAD' : `JOB_PAYLOAD.${mapping.itemsPath}`;
    return { ok: false, reason: `${where} is not a list of media items.` };
  }
  try {
    return { ok: true, features: summariseItems(items, mapping) };
  } catch (error) {
    if (error instanceof UnreadablePayload) return { ok: false, reason: error.message };
    throw error;
  }
}
