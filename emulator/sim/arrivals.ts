import { substream } from './prng';
import type { ScenarioStream } from './scenario';

const HOUR_MS = 3_600_000;

export interface Arrival {
  /** Stable identity of the arrival: stream, absolute UTC hour and index within the hour. */
  readonly key: string;
  readonly atMs: number;
}

/** Mean arrivals in one absolute UTC hour: the weekday rate shaped by the diurnal weights. */
export function hourlyMean(stream: ScenarioStream, hourIndex: number): number {
  const date = new Date(hourIndex * HOUR_MS);
  const weights = stream.arrivals.diurnal;
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return 0;
  const day = date.getUTCDay();
  const weekend = day === 0 || day === 6 ? stream.arrivals.weekendFactor : 1;
  return (stream.arrivals.perDay * (weights[date.getUTCHours()] ?? 0) * weekend) / total;
}

/**
 * Arrivals in (fromMs, toMs], oldest first. Each absolute hour draws from its own substream, so an
 * hour holds the same arrivals whichever window or clock step asks for it.
 */
export function arrivalsBetween(
  seed: number,
  stream: ScenarioStream,
  fromMs: number,
  toMs: number,
): Arrival[] {
  const arrivals: Arrival[] = [];
  const firstHour = Math.floor(fromMs / HOUR_MS);
  const lastHour = Math.floor(toMs / HOUR_MS);
  for (let hour = firstHour; hour <= lastHour; hour += 1) {
    const rng = substream(seed, 'arrivals', stream.name, hour);
    const count = rng.poisson(hourlyMean(stream, hour));
    for (let k = 0; k < count; k += 1) {
      const atMs = hour * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
      if (atMs > fromMs && atMs <= toMs)
        arrivals.push({ key: `${stream.name}:${hour}:${k}`, atMs });
    }
  }
  return arrivals.sort((a, b) => a.atMs - b.atMs || (a.key < b.key ? -1 : 1));
}
