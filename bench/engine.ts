/**
 * Engine figures: time and peak memory to build the full job report (tiers, costs, verdicts,
 * attribution, duration model, recommendations and the one-job-per-tier advice) from 10k, 100k and
 * 1M synthetic in-process executions, against one pass that only sums the same arrays (the floor
 * any analysis pays), measured in the same run; then the projection errors on `tiered`.
 */
import { Worker } from 'node:worker_threads';
import { findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { buildJobReport, type JobReportInput } from '@/lib/domain/report';
import { medianMs, row, timeMs } from './measure';
import { formatErrors, measureProjectionErrors } from './projection-accuracy';
import { syntheticReportInput } from './synthetic-history';

const SIZES = [10_000, 100_000, 1_000_000] as const;
const MIB = 2 ** 20;

/** The floor: one pass over the same arrays the report reads, summing a field of each record. */
function sumOnly(input: JobReportInput): number {
  let total = 0;
  for (const e of input.executions) total += (e.durationSeconds ?? 0) + e.limits.vcpu;
  for (const t of input.tasks ?? []) total += t.attempts;
  for (const u of input.executionUsage ?? []) total += u.peakMemoryBytes ?? 0;
  for (const p of input.cpuPoints ?? []) total += p.mean;
  for (const p of input.memoryPoints ?? []) total += p.mean;
  return total;
}

/** Peak process RSS, sampled every 5 ms from another thread while the main one is busy. */
function rssSampler() {
  const peak = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     setInterval(() => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss; }, 5);`,
    { eval: true, workerData: peak.buffer },
  );
  worker.unref();
  return {
    reset: () => void (peak[0] = process.memoryUsage.rss()),
    peak: () => Math.max(peak[0] ?? 0, process.memoryUsage.rss()),
    stop: () => worker.terminate(),
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;

async function scaling(book: PriceBook): Promise<void> {
  const sampler = rssSampler();
  try {
    for (const size of SIZES) {
      const input = syntheticReportInput(size, book);
      const runs = size >= 1_000_000 ? 3 : 5;
      global.gc?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      sampler.reset();
      const before = process.memoryUsage.rss();
      const { ms: firstMs, value: report } = await timeMs(() => buildJobReport(input));
      const peakGrowth = sampler.peak() - before;
      const reportMs = await medianMs(runs, () => buildJobReport(input));
      const sumMs = await medianMs(runs, () => sumOnly(input));
      const label = `${count(size)} executions`;
      row(
        `${label}: full report (median of ${runs})`,
        `${reportMs.toFixed(0)} ms (first ${firstMs.toFixed(0)} ms)`,
      );
      row(`${label}: single summing pass (median of ${runs})`, `${sumMs.toFixed(1)} ms`);
      row(`${label}: ratio report ÷ sum`, `${(reportMs / sumMs).toFixed(0)}×`);
      row(
        `${label}: peak RSS growth while building / RSS after`,
        `${mib(peakGrowth)} / ${mib(process.memoryUsage.rss())}`,
      );
      const recommended = report.tiers
        .filter((t) => t.recommendation && t.executions > 0)
        .map(
          (t) =>
            `${t.id} ${t.recommendation?.recommended.vcpu} vCPU ${mib(t.recommendation?.recommended.memoryBytes ?? 0)} (${t.recommendation?.confidence})`,
        );
      row(`${label}: recommended`, recommended.join(', '));
    }
  } finally {
    await sampler.stop();
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
