import type { OverviewTotals } from '@/lib/data/overview';
import { formatCount, formatMonthlySaving, formatUsd } from '@/lib/format';

/**
 * How a project total reads when some jobs could not be read: a lower bound ("at least $4.10"),
 * or "—" when none could, never a sum that silently counts the unread ones as zero.
 */
export function totalUsd(value: number | null, totals: OverviewTotals): string {
  if (value === null) return '—';
  return totals.unreadJobs > 0 ? `at least ${formatUsd(value)}` : formatUsd(value);
}

export function totalSaving(totals: OverviewTotals): string {
  if (totals.monthlySavingUsd === null) return '—';
  const saving = formatMonthlySaving(totals.monthlySavingUsd);
  return totals.unreadJobs > 0 ? `at least ${saving}` : saving;
}

/** "2 jobs could not be read", or null when every job was. */
export function unreadJobsText(totals: OverviewTotals): string | null {
  const n = totals.unreadJobs;
  if (n === 0) return null;
  return `${formatCount(n)} ${n === 1 ? 'job' : 'jobs'} could not be read`;
}
