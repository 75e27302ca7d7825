/** `2026-11-28 16:34 UTC`: review pages show times in UTC, as the audit log does. */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
