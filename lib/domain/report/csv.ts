/**
 * The report as CSV: one row per tier, unclassified and a total. Cells that a spreadsheet would
 * run as a formula (starting with = + - @ tab or CR) are prefixed with a quote (OWASP CSV injection).
 */
import type { JobReport, TierReport } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS: readonly [string, (t: TierReport) => string | number | null][] = [
  ['tier', (t) => t.id],
  ['label', (t) => t.label],
  ['executions', (t) => t.executions],
  ['succeeded', (t) => t.succeeded],
  ['failed', (t) => t.failed],
  ['attempts', (t) => t.attempts],
  ['billed_retries', (t) => t.billedRetries],
  ['oom_attempts', (t) => t.failedAttempts.oom],
  ['timeout_attempts', (t) => t.failedAttempts.timeout],
  ['duration_p50_seconds', (t) => t.durationSeconds.p50],
  ['duration_p95_seconds', (t) => t.durationSeconds.p95],
  ['duration_max_seconds', (t) => t.durationSeconds.max],
  ['timeout_seconds', (t) => t.currentLimits?.timeoutSeconds ?? null],
  ['vcpu', (t) => t.currentLimits?.vcpu ?? null],
  ['memory_limit_bytes', (t) => t.currentLimits?.memoryBytes ?? null],
  ['cpu_utilisation_p50', (t) => t.cpuUtilisation.p50],
  ['cpu_utilisation_p95', (t) => t.cpuUtilisation.p95],
  ['peak_memory_p95_bytes', (t) => t.peakMemoryBytes.p95],
  ['peak_memory_max_bytes', (t) => t.peakMemoryBytes.max],
  ['cost_usd', (t) => t.cost.costUsd],
  ['failure_cost_usd', (t) => t.cost.failureCostUsd],
  ['waste_usd', (t) => t.cost.wasteUsd],
  ['attribution_exact_share', (t) => t.attribution.memory.shares.exact],
  ['attribution_sliced_share', (t) => t.attribution.memory.shares.sliced],
  ['attribution_ambiguous_share', (t) => t.attribution.memory.shares.ambiguous],
  ['attribution_missing_share', (t) => t.attribution.memory.shares.missing],
  ['verdict', (t) => t.verdict.kind],
  ['evidence', (t) => t.verdict.summary],
];

export function reportToCsv(report: JobReport): string {
  const rows = [COLUMNS.map(([header]) => header).join(',')];
  for (const tier of [...report.tiers, report.unclassified]) {
    rows.push(COLUMNS.map(([, pick]) => csvCell(pick(tier))).join(','));
  }
  const t = report.totals;
  const total: Record<string, string | number> = {
    tier: 'total',
    label: 'All executions',
    executions: t.executions,
    succeeded: t.succeeded,
    failed: t.failed,
    attempts: t.attempts,
    billed_retries: t.billedRetries,
    cost_usd: t.costUsd,
    failure_cost_usd: t.failureCostUsd,
    waste_usd: t.wasteUsd,
  };
  rows.push(COLUMNS.map(([header]) => csvCell(total[header])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
