/**
 * Bounded, deterministic samples for charts: an execution is kept when a hash of its id falls under
 * a threshold that halves whenever the sample grows too big, so the same history gives the same
 * points and memory stays bounded at any number of executions.
 */

/** FNV-1a, 32 bits: a cheap stable hash of an execution id. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class BoundedSample<T> {
  private threshold = 2 ** 32;
  private kept: { hash: number; item: T }[] = [];
  private offered = 0;

  constructor(private readonly limit: number) {}

  offer(id: string, make: () => T): void {
    this.offered += 1;
    const hash = hashId(id);
    if (hash >= this.threshold) return;
    this.kept.push({ hash, item: make() });
    if (this.kept.length > 2 * this.limit) {
      this.threshold /= 2;
      this.kept = this.kept.filter((entry) => entry.hash < this.threshold);
    }
  }

  /** At most `limit` items, those with the smallest hashes, in a stable order. */
  items(): T[] {
    return [...this.kept]
      .sort((a, b) => a.hash - b.hash)
      .slice(0, this.limit)
      .map((entry) => entry.item);
  }

  offeredCount(): number {
    return this.offered;
  }
}

/** A growable Float64Array: compact storage for one number per execution. */
export class NumberColumn {
  private data = new Float64Array(64);
  private size = 0;

  push(value: number): void {
    if (this.size === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size] = value;
    this.size += 1;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.size);
  }
}
