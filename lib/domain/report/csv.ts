/**
 * The report as CSV: one row per tier, unclassified and a total, with the recommended limits and
 * their projected effect as the last columns. Cells that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) are prefixed with a quote (OWASP CSV injection).
 */
import type { JobReport, TierReport } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Reports frozen before recommendations existed have no slot at all: read it as absent.
const recommended = (t: TierReport) => t.recommendation?.recommended;

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
  ['max_retries', (t) => t.currentLimits?.maxRetries ?? null],
  ['monthly_cost_usd', (t) => t.cost.monthlyCostUsd ?? null],
  ['recommended_vcpu', (t) => recommended(t)?.vcpu ?? null],
  ['recommended_memory_bytes', (t) => recommended(t)?.memoryBytes ?? null],
  ['recommended_timeout_seconds', (t) => recommended(t)?.timeoutSeconds ?? null],
  ['recommended_max_retries', (t) => recommended(t)?.maxRetries ?? null],
  ['projected_monthly_cost_usd', (t) => t.recommendation?.projected.monthlyCostUsd ?? null],
  ['monthly_saving_usd', (t) => t.recommendation?.monthlySavingUsd ?? null],
  ['projected_p95_seconds', (t) => t.recommendation?.projected.p95Seconds ?? null],
  ['projected_oom_probability', (t) => t.recommendation?.projected.oomProbability ?? null],
  ['projected_timeout_probability', (t) => t.recommendation?.projected.timeoutProbability ?? null],
  ['confidence', (t) => t.recommendation?.confidence ?? null],
];

export function reportToCsv(report: JobReport): string {
  const rows = [COLUMNS.map(([header]) => header).join(',')];
  for (const tier of [...report.tiers, report.unclassified]) {
    rows.push(COLUMNS.map(([, pick]) => csvCell(pick(tier))).join(','));
  }
  const t = report.totals;
  const total: Record<string, string | number | undefined> = {
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
    monthly_cost_usd: t.monthlyCostUsd,
    monthly_saving_usd: t.monthlySavingUsd,
  };
  rows.push(COLUMNS.map(([header]) => csvCell(total[header])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
