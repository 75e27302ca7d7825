/** Display formatting shared by server and client components; full precision stays inside. */
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const smallUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 4,
  maximumFractionDigits: 5,
});
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const dateTimeUtc = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function formatUsd(costUsd: number): string {
  if (!Number.isFinite(costUsd)) return '—';
  return Math.abs(costUsd) > 0 && Math.abs(costUsd) < 1
    ? smallUsd.format(costUsd)
    : usd.format(costUsd);
}

export function formatCount(count: number): string {
  return Number.isFinite(count) ? integer.format(count) : '—';
}

export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? percent.format(fraction) : '—';
}

/** A moment as "29 Nov 2026, 03:01" in UTC; the caller says "UTC" once beside it. */
export function formatDateTimeUtc(ms: number): string {
  return Number.isFinite(ms) ? dateTimeUtc.format(ms) : '—';
}
