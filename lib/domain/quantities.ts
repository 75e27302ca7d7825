/**
 * Cloud Run resource quantities (`"2"`, `"1000m"`, `"512Mi"`, `"1.5G"`) ⇄ plain numbers.
 * The grammar is the Kubernetes quantity subset Cloud Run accepts: a non-negative decimal and one
 * optional suffix. Beyond this module, CPU is a number of vCPU and memory a number of bytes.
 */

export class QuantityError extends Error {
  readonly text: string;

  constructor(text: string, expected: string) {
    super(`"${text}" is not a valid ${expected}.`);
    this.name = 'QuantityError';
    this.text = text;
  }
}

const CPU_EXPECTED =
  'CPU quantity: use a number of vCPU such as "1", "2" or "0.5", or millicores such as "500m"';
const MEMORY_EXPECTED =
  'memory quantity: use a number with a unit such as "512Mi", "4Gi" or "1.5G", or a plain number of bytes';

const DECIMAL = /^(\d+)(?:\.(\d+))?$|^\.(\d+)$/;

const BINARY_UNITS = [
  ['Ei', 2n ** 60n],
  ['Pi', 2n ** 50n],
  ['Ti', 2n ** 40n],
  ['Gi', 2n ** 30n],
  ['Mi', 2n ** 20n],
  ['Ki', 2n ** 10n],
] as const;

// Kubernetes writes kilo as lower-case "k"; "K" is accepted too because people type it.
const DECIMAL_UNITS = [
  ['E', 10n ** 18n],
  ['P', 10n ** 15n],
  ['T', 10n ** 12n],
  ['G', 10n ** 9n],
  ['M', 10n ** 6n],
  ['k', 10n ** 3n],
] as const;

const MEMORY_MULTIPLIERS: ReadonlyMap<string, bigint> = new Map<string, bigint>([
  ['', 1n],
  ...BINARY_UNITS,
  ...DECIMAL_UNITS,
  ['K', 1000n],
]);

/** Splits a plain non-negative decimal into integer digits and fraction digits, or undefined. */
function splitDecimal(text: string): { whole: string; fraction: string } | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  return { whole: match[1] ?? '0', fraction: match[2] ?? match[3] ?? '' };
}

/** `"2"` → 2, `"1000m"` → 1, `"0.5"` → 0.5 (vCPU). */
export function parseCpuQuantity(text: string): number {
  const trimmed = text.trim();
  const millis = /^(\d+)m$/.exec(trimmed);
  if (millis?.[1] !== undefined) return Number(millis[1]) / 1000;
  if (!splitDecimal(trimmed)) throw new QuantityError(text, CPU_EXPECTED);
  const vcpu = Number(trimmed);
  if (!Number.isFinite(vcpu)) throw new QuantityError(text, CPU_EXPECTED);
  return vcpu;
}

/** `"512Mi"` → 536870912, `"1.5G"` → 1500000000 (bytes); fractional bytes round up. */
export function parseMemoryQuantity(text: string): number {
  const trimmed = text.trim();
  const match = /^([\d.]+)([A-Za-z]*)$/.exec(trimmed);
  const multiplier = match ? MEMORY_MULTIPLIERS.get(match[2] ?? '') : undefined;
  const parts = match?.[1] !== undefined ? splitDecimal(match[1]) : undefined;
  if (multiplier === undefined || !parts) throw new QuantityError(text, MEMORY_EXPECTED);
  // Exact integer arithmetic so "1.15G" is 1150000000 bytes, not 1150000000.0000002.
  const scale = 10n ** BigInt(parts.fraction.length);
  const scaled = BigInt(parts.whole + parts.fraction) * multiplier;
  const bytes = (scaled + scale - 1n) / scale;
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new QuantityError(text, `${MEMORY_EXPECTED} (this one is far larger than any machine)`);
  }
  return Number(bytes);
}

function assertQuantityNumber(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new QuantityError(String(value), `${what}: it must be a finite number of zero or more`);
  }
}

/** Cloud Run form: whole vCPU as `"2"`, fractions as millicores `"500m"` (rounded up to 1m). */
export function formatCpuQuantity(vcpu: number): string {
  assertQuantityNumber(vcpu, 'vCPU count');
  if (Number.isInteger(vcpu)) return String(vcpu);
  // Tolerance absorbs representation error (0.3 * 1000 = 300.00000000000006) before rounding up.
  const millis = Math.ceil(vcpu * 1000 - 1e-6);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Shortest exact form, binary units first: `"512Mi"`, `"4Gi"`, `"1536Mi"`, `"2G"`, `"1000"`. */
export function formatMemoryQuantity(bytes: number): string {
  assertQuantityNumber(bytes, 'byte count');
  if (bytes > Number.MAX_SAFE_INTEGER) {
    throw new QuantityError(String(bytes), 'byte count: it is far larger than any machine');
  }
  const whole = BigInt(Math.ceil(bytes));
  if (whole === 0n) return '0';
  let best = whole.toString();
  for (const [suffix, multiplier] of [...BINARY_UNITS, ...DECIMAL_UNITS]) {
    if (whole % multiplier !== 0n) continue;
    const candidate = `${whole / multiplier}${suffix}`;
    if (candidate.length < best.length) best = candidate;
  }
  return best;
}

const HUMAN_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** For people, not for Cloud Run: `"4 GiB"`, `"1.4 GiB"`, `"512 MiB"`; up to two decimals. */
export function formatBytesHuman(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < HUMAN_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  let rounded = Number(value.toFixed(2));
  if (rounded >= 1024 && unit < HUMAN_UNITS.length - 1) {
    rounded = 1;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  return `${sign}${rounded} ${HUMAN_UNITS[unit]}`;
}
