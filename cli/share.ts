/** `tierwise report --share`: freezes the report through the shared-report service, prints the link. */
import { z } from 'zod';
import { getJobReport } from '@/lib/data/report';
import { maxFailureRateOf } from '@/lib/data/failure-budgets';
import type { PriceBook } from '@/lib/domain/pricing';
import type { TierPolicy } from '@/lib/domain/tiers';
import { envSchema } from '@/lib/env';
import type { GcpClients } from '@/lib/gcp';
import { takeSnapshot } from '@/lib/snapshots/snapshots';
import { openStore } from '@/lib/store';
import { CliArgumentError, type ReportArgs } from './args';
import type { Target } from './settings';

const shareEnv = z.object({
  DATABASE_URL: envSchema.shape.DATABASE_URL,
  TIERWISE_SHARE_AS: z
    .email('TIERWISE_SHARE_AS must be an email address')
    .default('cli@tierwise.local'),
  TIERWISE_URL: z.url('TIERWISE_URL must be the address Tierwise is served at').optional(),
});

export type ShareInput = {
  readonly args: ReportArgs;
  readonly target: Target;
  readonly clients: GcpClients;
  readonly policy: TierPolicy;
  readonly priceBook: PriceBook;
  readonly env: Record<string, string | undefined>;
  readonly nowMs: number;
};

/** Returns the link to print: absolute when TIERWISE_URL is set, else the path. */
export async function shareReport(input: ShareInput): Promise<{ url: string; executions: number }> {
  const parsed = shareEnv.safeParse(input.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliArgumentError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  const settings = parsed.data;
  const store = await openStore(settings.DATABASE_URL, { now: () => input.nowMs });
  try {
    const { args, target } = input;
    const maxFailureRate =
      args.maxFailureRate ??
      (await maxFailureRateOf(store, {
        project: target.project,
        region: target.region,
        job: args.job,
      }));
    const taken = await takeSnapshot(
      {
        store,
        readLiveReport: (request) =>
          getJobReport({
            clients: input.clients,
            project: target.project,
            region: target.region,
            job: request.job,
            days: args.days,
            policy: input.policy,
            priceBook: input.priceBook,
            objective: request.objective,
            maxFailureRate,
            now: request.nowMs,
          }),
      },
      { email: settings.TIERWISE_SHARE_AS, role: null },
      {
        job: args.job,
        window: { days: args.days },
        priceBook: input.priceBook.id,
        policy: input.policy,
        objective: args.objective,
        expiresInDays: undefined,
      },
    );
    const base = settings.TIERWISE_URL?.replace(/\/+$/, '') ?? '';
    return { url: `${base}${taken.url}`, executions: taken.document.report.totals.executions };
  } finally {
    await store.close();
  }
}
