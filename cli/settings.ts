/** Files and settings the report command reads: tier policy, price book, environment. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { envSchema } from '@/lib/env';
import { findPriceBook, validatePriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY, validateTierPolicy, type TierPolicy } from '@/lib/domain/tiers';
import { CliArgumentError, type ReportArgs } from './args';

function readJson(flag: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliArgumentError(`${flag}: cannot read the file "${file}".`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliArgumentError(`${flag}: "${file}" is not JSON.`);
  }
}

function fieldErrors(flag: string, errors: Record<string, string | undefined>): never {
  const list = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  throw new CliArgumentError(`${flag}: ${list.join('; ')}`);
}

const tierShape = z.object({
  tiers: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      maxClipCount: z.number().optional(),
      maxTotalMb: z.number().optional(),
      jobName: z.string().optional(),
    }),
  ),
});

export function loadPolicy(file: string | undefined): TierPolicy {
  if (file === undefined) return DEFAULT_TIER_POLICY;
  const parsed = tierShape.safeParse(readJson('--policy', file));
  if (!parsed.success)
    throw new CliArgumentError(
      `--policy: "${file}" is not a tier policy (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`,
    );
  const check = validateTierPolicy(parsed.data);
  if (!check.ok) fieldErrors('--policy', check.errors);
  return parsed.data;
}

const bookShape = z.object({
  id: z.string(),
  label: z.string(),
  asOf: z.string(),
  vcpuSecondUsd: z.number(),
  gibSecondUsd: z.number(),
  estimate: z.boolean().default(false),
  source: z.string().default('Price book file'),
});

/** A built-in book by id, or a JSON file with the same fields. */
export function loadPriceBook(value: string): PriceBook {
  const builtIn = findPriceBook(value);
  if (builtIn) return builtIn;
  if (!/[./\\]/.test(value)) {
    throw new CliArgumentError(
      `--price-book must be jobs-tier1, jobs-tier2, services-request or a JSON file; got "${value}".`,
    );
  }
  const parsed = bookShape.safeParse(readJson('--price-book', value));
  if (!parsed.success)
    throw new CliArgumentError(
      `--price-book: "${value}" is not a price book (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`,
    );
  const check = validatePriceBook(parsed.data);
  if (!check.ok) fieldErrors('--price-book', check.errors);
  return parsed.data;
}

const cliEnv = z.object({
  TIERWISE_EMULATOR_HOST: envSchema.shape.TIERWISE_EMULATOR_HOST,
  GOOGLE_CLOUD_PROJECT: envSchema.shape.GOOGLE_CLOUD_PROJECT,
  TIERWISE_REGION: envSchema.shape.TIERWISE_REGION,
});

export type Target = { emulatorHost: string | undefined; project: string; region: string };

/** Where to read: the same settings as the app, with --project and --region taking precedence. */
export function resolveTarget(
  args: Pick<ReportArgs, 'project' | 'region'>,
  source: Record<string, string | undefined>,
): Target {
  const parsed = cliEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliArgumentError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  const env = parsed.data;
  // In emulator mode the project is whatever the emulator serves; the demo uses demo-project.
  const project =
    args.project ??
    env.GOOGLE_CLOUD_PROJECT ??
    (env.TIERWISE_EMULATOR_HOST ? 'demo-project' : undefined);
  if (project === undefined) {
    throw new CliArgumentError('--project is required when GOOGLE_CLOUD_PROJECT is not set.');
  }
  return {
    emulatorHost: env.TIERWISE_EMULATOR_HOST,
    project,
    region: args.region ?? env.TIERWISE_REGION,
  };
}
