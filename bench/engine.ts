/**
 * Engine figures: time and memory to fit the duration model and recommend limits for one tier from
 * 10k, 100k and 1M synthetic executions, against one pass that only sums the same fields (the
 * floor any analysis pays), measured in the same run; then the projection errors on `tiered`.
 */
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { recommendLimits, type ExecutionObservation } from '@/lib/domain/recommend';
import { medianMs, row, timeMs } from './measure';
import { formatErrors, measureProjectionErrors } from './projection-accuracy';

const GiB = 2 ** 30;
const SIZES = [10_000, 100_000, 1_000_000] as const;

/** Half the history at 2 vCPU, half at 4, as after a limit change; deterministic values. */
function synthetic(count: number): ExecutionObservation[] {
  const observations: ExecutionObservation[] = new Array(count);
  for (let k = 0; k < count; k += 1) {
    const vcpu = k < count / 2 ? 2 : 4;
    const inputMb = 20 + ((k * 37) % 80);
    const runSeconds = 1.2 * inputMb * (0.2 + 0.8 / vcpu) * (1 + 0.1 * Math.sin(k * 12.9898));
    const oom = k % 500 === 0;
    observations[k] = {
      limits: { vcpu, memoryBytes: 4 * GiB, timeoutSeconds: 900, maxRetries: 2 },
      status: oom ? 'failed' : 'succeeded',
      taskCount: 1,
      attempts: oom ? 3 : 1,
      oomAttempts: oom ? 3 : 0,
      timeoutAttempts: 0,
      runSeconds: oom ? undefined : runSeconds,
      executionSeconds: oom ? 3 * runSeconds * 0.5 : runSeconds,
      inputMb,
      cpuUtilisation: 0.7,
      cpuSource: 'sliced',
      peakMemoryBytes: oom ? 4 * GiB : GiB * (0.8 + (0.4 * ((k * 7) % 10)) / 10),
      memorySource: k % 4 === 0 ? 'ambiguous' : 'sliced',
    };
  }
  return observations;
}

/** The floor: one pass reading the fields the engine reads, summing them. */
function sumOnly(observations: readonly ExecutionObservation[]): number {
  let total = 0;
  for (const o of observations) {
    total += (o.runSeconds ?? 0) + (o.executionSeconds ?? 0) + (o.peakMemoryBytes ?? 0) / GiB;
    total += (o.cpuUtilisation ?? 0) + (o.inputMb ?? 0) + o.attempts + o.oomAttempts;
  }
  return total;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function scaling(book: PriceBook): Promise<void> {
  for (const count of SIZES) {
    const observations = synthetic(count);
    const runs = count >= 1_000_000 ? 3 : 5;
    const sumMs = await medianMs(runs, () => sumOnly(observations));
    const heapBefore = process.memoryUsage().heapUsed;
    const { ms: firstMs, value } = await timeMs(() =>
      recommendLimits({
        observations,
        current: observations[count - 1]!.limits,
        windowDays: 30,
        priceBook: book,
      }),
    );
    const heapDelta = process.memoryUsage().heapUsed - heapBefore;
    const engineMs = await medianMs(runs, () =>
      recommendLimits({
        observations,
        current: observations[count - 1]!.limits,
        windowDays: 30,
        priceBook: book,
      }),
    );
    row(
      `${count.toLocaleString('en-US')} executions: model + recommendation (median of ${runs})`,
      `${engineMs.toFixed(1)} ms (first ${firstMs.toFixed(1)} ms)`,
    );
    row(
      `${count.toLocaleString('en-US')} executions: single summing pass`,
      `${sumMs.toFixed(2)} ms`,
    );
    row(
      `${count.toLocaleString('en-US')} executions: ratio engine ÷ sum`,
      `${(engineMs / sumMs).toFixed(1)}×`,
    );
    row(
      `${count.toLocaleString('en-US')} executions: heap growth during one recommendation / rss`,
      `${mib(heapDelta)} / ${mib(process.memoryUsage().rss)}`,
    );
    row(
      `${count.toLocaleString('en-US')} executions: recommended (basis ${value.model.basis})`,
      `${value.recommended.vcpu} vCPU, ${mib(value.recommended.memoryBytes)}`,
    );
  }
}

export async function run(): Promise<void> {
  const book = findPriceBook('jobs-tier1') as PriceBook;
  await scaling(book);
  console.log('\nProjection errors on tiered.json (seed 7), projected vs true execution time:\n');
  const { errors } = await measureProjectionErrors({ seed: 7, nowMs: Date.UTC(2025, 4, 20, 12) });
  console.log(formatErrors(errors));
  for (const basis of ['vcpu-history', 'utilisation']) {
    const mine = errors.filter((e) => e.basis === basis);
    const worst = Math.max(...mine.flatMap((e) => [Math.abs(e.p50Error), Math.abs(e.p95Error)]));
    row(
      `worst |error| with ${basis} scaling (${mine.length} points)`,
      `${(100 * worst).toFixed(1)} %`,
    );
  }
}
