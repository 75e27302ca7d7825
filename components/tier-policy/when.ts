import { formatDateTimeUtc } from '@/lib/format';

/** `28 Nov 2026, 16:34 UTC`: review pages show times in UTC, as the audit log does. */
export function utcMinute(ms: number): string {
  return `${formatDateTimeUtc(ms)} UTC`;
}
