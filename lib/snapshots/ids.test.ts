import { describe, expect, it } from 'vitest';
import { isSnapshotId, newSnapshotId } from '@/lib/snapshots/ids';

describe('snapshot ids', () => {
  it('are 22 base64url characters carrying 128 random bits', () => {
    const ids = Array.from({ length: 4096 }, newSnapshotId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Every symbol of the alphabet turns up in the first position: no fixed prefix or narrow range.
    expect(new Set(ids.map((id) => id[0])).size).toBe(64);
    // Roughly half of all bits set: not a counter or a timestamp.
    const bits = ids
      .flatMap((id) => [...Buffer.from(id, 'base64url')])
      .reduce((n, byte) => n + popcount(byte), 0);
    expect(bits / (ids.length * 128)).toBeGreaterThan(0.49);
    expect(bits / (ids.length * 128)).toBeLessThan(0.51);
  });

  it('recognises only well-formed ids', () => {
    expect(isSnapshotId(newSnapshotId())).toBe(true);
    expect(isSnapshotId('short')).toBe(false);
    expect(isSnapshotId(`${newSnapshotId()}.csv`)).toBe(false);
    expect(isSnapshotId('../../../../etc/passwd/xx')).toBe(false);
  });
});

function popcount(byte: number): number {
  let count = 0;
  for (let b = byte; b > 0; b >>= 1) count += b & 1;
  return count;
}
