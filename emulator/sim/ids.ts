import { hash32 } from './prng';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function hex8(text: string, salt: number): string {
  return hash32(text, salt).toString(16).padStart(8, '0');
}

/** A deterministic UUID-shaped string (version 4 layout) for a key. */
export function uuidFor(seed: number, key: string): string {
  const text = `${seed}|uid|${key}`;
  const h = [hex8(text, 11), hex8(text, 12), hex8(text, 13), hex8(text, 14)].join('');
  const variant = '89ab'[Number.parseInt(h[16] ?? '0', 16) % 4];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Five lowercase alphanumerics, as Cloud Run suffixes execution names; `attempt` resolves clashes. */
export function executionSuffix(seed: number, jobId: string, key: string, attempt: number): string {
  let value = hash32(`${seed}|exec|${jobId}|${key}|${attempt}`);
  let suffix = '';
  for (let i = 0; i < 5; i += 1) {
    suffix += ALPHANUMERIC[value % 36];
    value = Math.floor(value / 36);
  }
  return suffix;
}

/** An opaque quoted etag, like Cloud Run's, that changes with every generation of a job. */
export function etagFor(seed: number, jobId: string, generation: number, updateMs: number): string {
  let text = '';
  for (let salt = 0; salt < 4; salt += 1) {
    let value = hash32(`${seed}|etag|${jobId}|${generation}|${updateMs}`, salt);
    for (let i = 0; i < 5; i += 1) {
      text += BASE64URL[value & 63];
      value >>>= 6;
    }
  }
  return `"${text}"`;
}
