/** A Markdown summary of the report, short enough to paste into a ticket. */
import { formatLimits, formatMemory, formatRisk, formatSeconds, formatUsd } from '../../format';
import type { Recommendation } from '../recommend';
import type { JobReport, TierReport } from './types';

// Read by people, as on the page: cents, one spelling of sizes and durations (the CSV keeps all).
const usd = formatUsd;
const pct = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);
const secs = (value: number | null) => (value === null ? '–' : formatSeconds(value));
const gib = (bytes: number | null | undefined) =>
  bytes === null || bytes === undefined ? '–' : formatMemory(bytes);

/** Table cells cannot hold pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

type LimitSet = TierReport['currentLimits'] & {};

function limitsText(l: LimitSet | null | undefined, retries = false): string {
  if (!l) return '–';
  return formatLimits(retries ? l : { ...l, maxRetries: undefined });
}

function row(tier: TierReport): string {
  return `| ${cell(tier.label)} | ${tier.executions} | ${tier.failed} | ${tier.failedAttempts.oom} / ${tier.failedAttempts.timeout} | ${secs(tier.durationSeconds.p95)} | ${pct(tier.cpuUtilisation.p95)} | ${gib(tier.peakMemoryBytes.p95)} | ${limitsText(tier.currentLimits)} | ${usd(tier.cost.costUsd)} | ${usd(tier.cost.wasteUsd)} | ${tier.verdict.kind} |`;
}

function recommendationRow(tier: TierReport, r: Recommendation): string {
  const now = r.projectedCurrent;
  const next = r.projected;
  const target = r.changed ? limitsText(r.recommended, true) : 'keep';
  return `| ${cell(tier.label)} | ${limitsText(r.current, true)} | ${target} | ${usd(now.monthlyCostUsd)} → ${usd(next.monthlyCostUsd)} | ${usd(r.monthlySavingUsd)} | ${secs(now.p95Seconds)} → ${secs(next.p95Seconds)} | ${formatRisk(next.oomProbability)} / ${formatRisk(next.timeoutProbability)} | ${r.confidence} |`;
}

/** Reports frozen before recommendations existed carry none: the section is left out. */
function recommendationLines(report: JobReport): string[] {
  const rows = [...report.tiers, report.unclassified].flatMap((tier) =>
    tier.executions > 0 && tier.recommendation
      ? [recommendationRow(tier, tier.recommendation)]
      : [],
  );
  if (rows.length === 0) return [];
  const lines = [
    '',
    `### Recommended limits (objective: ${report.inputs.objective})`,
    '',
    '| Tier | Current | Recommended | Monthly cost now → projected | Monthly saving | p95 now → projected | Projected OOM / timeout | Confidence |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ];
  const saving = report.totals.monthlySavingUsd;
  if (saving !== undefined) {
    lines.push(
      '',
      `Projected saving over all tiers: ${usd(saving)} a month (of ${usd(report.totals.monthlyCostUsd)} at the window's volume).`,
    );
  }
  if (report.jobPerTierAdvice) lines.push('', cell(report.jobPerTierAdvice.text));
  return lines;
}

export function reportToMarkdown(report: JobReport): string {
  const { inputs, totals, reconciliation } = report;
  const lines = [
    `## ${cell(inputs.job)} — cost by tier`,
    '',
    `${inputs.project} / ${inputs.region}, ${inputs.window.startIso.slice(0, 10)} to ${inputs.window.endIso.slice(0, 10)} (${Math.round(inputs.window.days)} days). Prices: ${inputs.priceBook.label} as of ${inputs.priceBook.asOf}. As of ${inputs.asOfIso}.`,
    '',
    `**${totals.executions} executions, ${usd(totals.costUsd)}** — failed attempts ${usd(totals.failureCostUsd)}, waste ${usd(totals.wasteUsd)}, ${totals.billedRetries} billed retries.`,
    '',
    '| Tier | Executions | Failed | OOM / timeout attempts | p95 duration | p95 CPU | p95 peak memory | Limits | Cost | Waste | Verdict |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |',
    ...[...report.tiers, report.unclassified].filter((t) => t.executions > 0).map(row),
    '',
  ];
  for (const tier of report.tiers) {
    if (tier.executions > 0) lines.push(`- **${cell(tier.label)}**: ${tier.verdict.summary}`);
  }
  lines.push(...recommendationLines(report));
  const metered =
    reconciliation.meteredUsd === null
      ? 'no metered data'
      : `metered ${usd(reconciliation.meteredUsd)} (${reconciliation.differencePercent === null ? '–' : `${reconciliation.differencePercent.toFixed(1)}%`})`;
  const until =
    reconciliation.comparedUntilMs !== undefined &&
    reconciliation.comparedUntilMs < inputs.window.endMs
      ? ` up to ${new Date(reconciliation.comparedUntilMs).toISOString().slice(0, 16).replace('T', ' ')} UTC (the last settled hour)`
      : '';
  lines.push(
    '',
    `Reconciliation: computed ${usd(reconciliation.computedUsd)} vs ${metered}${until}.`,
  );
  if (report.warnings.length > 0) {
    lines.push('', '**Warnings**', '', ...report.warnings.map((w) => `- ${w.text}`));
  }
  return `${lines.join('\n')}\n`;
}
