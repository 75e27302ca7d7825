/**
 * Verification of an applied change, read from the execution ledger: per tier it touched, the
 * executions at the old limits in the window before the apply and at the new limits since.
 */
import { DEFAULT_PRICE_BOOK_ID, findPriceBook } from '@/lib/domain/pricing';
import type { ResourceLimits } from '@/lib/domain/records';
import { verifyChange, type ChangeVerification } from '@/lib/domain/verify';
import { ensureFreshLedger, readLedger } from '@/lib/ledger';
import type { ChangeRequest } from '@/lib/store';
import { ALL_TIERS, type ChangeContext } from '@/lib/changes/service-context';
import { sameLimits } from '../job-limits';
import { contextAt } from '../place';
import { outcomesOf, type ClassifiedOutcome } from './outcomes';
import { frozenProjection, tierEvidence } from './projection';

const DAY_MS = 86_400_000;
const DEFAULT_BEFORE_DAYS = 30;

/** One tier a change touched: where it ran before and after, and with which limits. */
interface Target {
  readonly tier: string;
  readonly jobBefore: string;
  readonly jobAfter: string;
  readonly limitsBefore: ResourceLimits;
  readonly limitsAfter: ResourceLimits;
}

export interface VerificationView extends ChangeVerification {
  readonly appliedAtMs: number;
  readonly asOfMs: number;
  readonly before: { readonly startMs: number; readonly endMs: number };
  readonly priceBook: string;
  /** Some costs come from inferred attempt times, or the ledger could not be brought up to date. */
  readonly warnings: readonly string[];
}

function targetsOf(change: ChangeRequest, tierIds: readonly string[]): Target[] {
  if (change.plan) {
    return change.plan.tiers.map((item) => ({
      tier: item.tier,
      jobBefore: change.job,
      jobAfter: item.jobName,
      limitsBefore: change.limitsBefore,
      limitsAfter: item.limits,
    }));
  }
  const tiers = change.tier === ALL_TIERS ? tierIds : [change.tier];
  return tiers.map((tier) => ({
    tier,
    jobBefore: change.job,
    jobAfter: change.job,
    limitsBefore: change.limitsBefore,
    limitsAfter: change.limitsAfter,
  }));
}

function windowDaysOf(change: ChangeRequest): number {
  const window = change.evidence.window as { startMs?: unknown; endMs?: unknown } | undefined;
  const span =
    typeof window?.startMs === 'number' && typeof window.endMs === 'number'
      ? (window.endMs - window.startMs) / DAY_MS
      : NaN;
  return span > 0 ? span : DEFAULT_BEFORE_DAYS;
}

async function readOutcomes(
  context: ChangeContext,
  job: string,
  window: { sinceMs: number; untilMs: number },
  book: NonNullable<ReturnType<typeof findPriceBook>>,
): Promise<ClassifiedOutcome[]> {
  const ref = { project: context.project, region: context.region, job };
  const history = await readLedger(context.store, ref, window);
  return outcomesOf(history.executions, history.tasks, context.tierPolicy, book);
}

async function refresh(context: ChangeContext, jobs: readonly string[], nowMs: number) {
  const warnings: string[] = [];
  for (const job of new Set(jobs)) {
    const ref = { project: context.project, region: context.region, job };
    await ensureFreshLedger(context.store, context.clients, ref, { nowMs }).catch(
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        warnings.push(
          `The ledger of ${job} could not be brought up to date (${message}); figures stop at its last sync.`,
        );
      },
    );
  }
  return warnings;
}

/** Null until the change is applied. */
export async function getChangeVerification(
  given: ChangeContext,
  change: ChangeRequest,
  options: { readonly nowMs: number; readonly syncLedger?: boolean },
): Promise<VerificationView | null> {
  if (change.state !== 'applied' || change.appliedAt === null) return null;
  // The ledger of the job in the change's own project and region, never a same-named one elsewhere.
  const context = await contextAt(given, change);
  const appliedAtMs = change.appliedAt;
  const book =
    findPriceBook(String(change.evidence.priceBook ?? '')) ?? findPriceBook(DEFAULT_PRICE_BOOK_ID);
  if (!book) throw new Error(`Price book ${DEFAULT_PRICE_BOOK_ID} is missing from the build.`);
  const targets = targetsOf(
    change,
    context.tierPolicy.tiers.map((tier) => tier.id),
  );
  const jobs = targets.flatMap((target) => [target.jobBefore, target.jobAfter]);
  const warnings = options.syncLedger === false ? [] : await refresh(context, jobs, options.nowMs);
  const before = { startMs: appliedAtMs - windowDaysOf(change) * DAY_MS, endMs: appliedAtMs };
  const cache = new Map<string, Promise<ClassifiedOutcome[]>>();
  const read = (job: string, sinceMs: number, untilMs: number) => {
    const key = `${job}:${sinceMs}`;
    if (!cache.has(key)) cache.set(key, readOutcomes(context, job, { sinceMs, untilMs }, book));
    return cache.get(key)!;
  };
  let estimated = 0;
  const inputs = await Promise.all(
    targets.map(async (target) => {
      const pick = (runs: ClassifiedOutcome[], limits: ResourceLimits) =>
        runs.filter((run) => run.tier === target.tier && sameLimits(run.execution.limits, limits));
      const beforeRuns = pick(
        await read(target.jobBefore, before.startMs, before.endMs),
        target.limitsBefore,
      );
      const afterRuns = pick(
        await read(target.jobAfter, appliedAtMs, options.nowMs + 1),
        target.limitsAfter,
      );
      estimated += [...beforeRuns, ...afterRuns].filter((run) => run.estimated).length;
      const figures = tierEvidence(change.evidence, change.tier, target.tier);
      return {
        tier: target.tier,
        before: beforeRuns,
        after: afterRuns,
        projection: frozenProjection(change.evidence, figures, target.limitsAfter),
        afterDays: Math.max(0, options.nowMs - appliedAtMs) / DAY_MS,
      };
    }),
  );
  if (estimated > 0) {
    warnings.push(
      `${estimated} executions were costed from inferred attempt times (their tasks could not be read); their costs are estimates.`,
    );
  }
  return {
    ...verifyChange(inputs),
    appliedAtMs,
    asOfMs: options.nowMs,
    before,
    priceBook: book.id,
    warnings,
  };
}
