/**
 * Display formatting shared by server and client components; full precision stays inside (and in
 * CSV exports). Money reads as cents, a true minus sign (U+2212) marks a negative figure, and sizes
 * and durations are spelled one way everywhere: "2 vCPU · 4 GiB · 10 min timeout".
 */
const MINUS = '\u2212';
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const usdSignificant = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 4,
});
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const upToTwo = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const upToOne = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const dateTimeUtc = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

const withMinus = (negative: boolean, text: string) => (negative ? `${MINUS}${text}` : text);

/** An amount of money in cents: "$0.67", "$1,234.57"; "<$0.01" for a non-zero amount below a cent. */
export function formatUsd(costUsd: number): string {
  if (!Number.isFinite(costUsd)) return '—';
  const magnitude = Math.abs(costUsd);
  if (magnitude === 0) return usd.format(0);
  if (magnitude < 0.01) return withMinus(costUsd < 0, '<$0.01');
  return withMinus(costUsd < 0, usd.format(magnitude));
}

/** A per-execution cost, 4 significant digits below a dollar: "$0.003481"; cents from a dollar up. */
export function formatUsdPerExecution(costUsd: number): string {
  if (!Number.isFinite(costUsd)) return '—';
  const magnitude = Math.abs(costUsd);
  if (magnitude === 0) return usd.format(0);
  const text = magnitude >= 1 ? usd.format(magnitude) : usdSignificant.format(magnitude);
  return withMinus(costUsd < 0, text);
}

/** A monthly saving in words: "$0.20/mo to save", or "$0.20/mo more" when the change costs more. */
export function formatMonthlySaving(savingUsd: number): string {
  if (!Number.isFinite(savingUsd)) return '—';
  return savingUsd < 0 ? `${formatUsd(-savingUsd)}/mo more` : `${formatUsd(savingUsd)}/mo to save`;
}

export function formatCount(count: number): string {
  return Number.isFinite(count) ? withMinus(count < -0.5, integer.format(Math.abs(count))) : '—';
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return withMinus(fraction < -0.0005, percent.format(Math.abs(fraction)));
}

const percentPrecise = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 2,
});

/** A share someone set, to two decimals of a percent: "0.25%", "1.5%". */
export function formatShare(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return withMinus(fraction < 0, percentPrecise.format(Math.abs(fraction)));
}

/** A probability: "under 0.1%" for a non-zero one that would round to 0 %, else as a percentage. */
export function formatRisk(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return fraction > 0 && fraction < 0.001 ? 'under 0.1%' : formatPercent(fraction);
}

/** A count that may be fractional, such as failures a month: "0.4", "12", "1,250". */
export function formatAmount(amount: number): string {
  if (!Number.isFinite(amount)) return '—';
  const magnitude = Math.abs(amount);
  const text = magnitude >= 10 ? integer.format(magnitude) : upToOne.format(magnitude);
  return withMinus(amount < 0 && text !== '0', text);
}

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** A memory size for people: "4 GiB", "1.25 GiB", "512 MiB". */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const magnitude = Math.abs(bytes);
  const text =
    magnitude >= GIB
      ? `${upToTwo.format(magnitude / GIB)} GiB`
      : `${integer.format(Math.round(magnitude / MIB))} MiB`;
  return withMinus(bytes < 0 && magnitude >= MIB / 2, text);
}

/** A duration: "45 s" below 2 min, "12.5 min" below 2 h, then "3.5 h". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const magnitude = Math.abs(seconds);
  let text: string;
  if (magnitude < 10) text = `${upToOne.format(magnitude)} s`;
  else if (magnitude < 120) text = `${integer.format(Math.round(magnitude))} s`;
  else if (magnitude < 7200) text = `${upToOne.format(magnitude / 60)} min`;
  else text = `${upToOne.format(magnitude / 3600)} h`;
  return withMinus(seconds < 0 && text !== '0 s', text);
}

/** One way to write a set of limits: "2 vCPU · 4 GiB · 10 min timeout · 3 retries". */
export function formatLimits(limits: {
  readonly vcpu: number;
  readonly memoryBytes: number;
  readonly timeoutSeconds: number;
  readonly maxRetries?: number;
}): string {
  const parts = [
    `${limits.vcpu} vCPU`,
    formatMemory(limits.memoryBytes),
    `${formatSeconds(limits.timeoutSeconds)} timeout`,
  ];
  if (limits.maxRetries !== undefined) {
    parts.push(`${limits.maxRetries} ${limits.maxRetries === 1 ? 'retry' : 'retries'}`);
  }
  return parts.join(' · ');
}

export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return '—';
  const rounded = Number(days.toFixed(1));
  return `${upToOne.format(rounded)} ${rounded === 1 ? 'day' : 'days'}`;
}

const dateUtc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** A UTC day as "29 Nov 2026". */
export function formatDateUtc(ms: number): string {
  return Number.isFinite(ms) ? dateUtc.format(ms) : '—';
}

/** A moment as "29 Nov 2026, 03:01" in UTC; the caller says "UTC" once beside it. */
export function formatDateTimeUtc(ms: number): string {
  return Number.isFinite(ms) ? dateTimeUtc.format(ms) : '—';
}

/** "0.2% (up to 0.4%)": a projected failure share with the upper end the budget is held to. */
export function formatRiskInterval(estimate: number, high: number): string {
  return `${formatRisk(estimate)} (up to ${formatRisk(high)})`;
}
