import { randomBytes } from 'node:crypto';

/** 16 random bytes: 128 bits, so a link cannot be found by guessing (base64url, 22 characters). */
export const SNAPSHOT_ID_BYTES = 16;
export const SNAPSHOT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newSnapshotId(): string {
  return randomBytes(SNAPSHOT_ID_BYTES).toString('base64url');
}

export function isSnapshotId(value: unknown): value is string {
  return typeof value === 'string' && SNAPSHOT_ID_PATTERN.test(value);
}
