/**
 * `tierwise report` arguments. Every bad argument is a CliArgumentError naming it; the command
 * exits with code 2 for those, as Unix tools do for usage errors.
 */
import { parseArgs } from 'node:util';
import { OBJECTIVES, type Objective } from '@/lib/domain/report';
import { MAX_MAX_FAILURE_RATE, MIN_MAX_FAILURE_RATE } from '@/lib/data/failure-budgets';

export const FORMATS = ['json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `usage: tierwise report --job NAME [options]
       tierwise sync [--job NAME] [--project P] [--region R] [--now ISO]
  --job NAME            the Cloud Run job to report on (required)
  --project P           Google Cloud project (default: GOOGLE_CLOUD_PROJECT)
  --region R            Cloud Run region (default: TIERWISE_REGION or us-central1)
  --days N              days of history up to now, 1–400 (default 30)
  --policy FILE         tier policy JSON: {"tiers":[{"id","label","maxClipCount","maxTotalMb"},…]}
  --price-book B        jobs-tier1 (default), jobs-tier2, services-request, or a price book JSON file
  --objective O         cost, speed or balanced (default balanced)
  --failure-budget PCT  at most this share of executions may fail at the recommended limits, e.g.
                        0.5% (default: the job's budget saved in DATABASE_URL, else 0.5%)
  --format F            json (default), csv or md
  --now ISO             the as-of time, e.g. 2025-05-20T12:00:00Z (default: now)
  --share               freeze the report as a shared snapshot in DATABASE_URL and print its link
                        (author: TIERWISE_SHARE_AS, default cli@tierwise.local; TIERWISE_URL prefixes the link)

tierwise sync copies new executions from Cloud Run into the execution ledger in DATABASE_URL,
for every job of the project or only --job; run it from a scheduler (Cloud Scheduler, cron).
Ledger retention: TIERWISE_LEDGER_RETENTION_DAYS (default 400).`;

export class CliArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliArgumentError';
  }
}

export type ReportArgs = {
  readonly job: string;
  readonly project: string | undefined;
  readonly region: string | undefined;
  readonly days: number;
  readonly policyFile: string | undefined;
  readonly priceBook: string;
  readonly objective: Objective;
  /** The failure budget's cap as a share, when --failure-budget gives one. */
  readonly maxFailureRate: number | undefined;
  readonly format: Format;
  readonly nowMs: number | undefined;
  readonly share: boolean;
};

export type SyncArgs = {
  readonly job: string | undefined;
  readonly project: string | undefined;
  readonly region: string | undefined;
  readonly nowMs: number | undefined;
};

export type Command =
  | { readonly kind: 'help' }
  | ({ readonly kind: 'report' } & ReportArgs)
  | ({ readonly kind: 'sync' } & SyncArgs);

function oneOf<T extends string>(flag: string, value: string, options: readonly T[]): T {
  if ((options as readonly string[]).includes(value)) return value as T;
  throw new CliArgumentError(`${flag} must be one of ${options.join(', ')}; got "${value}".`);
}

function days(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 400) {
    throw new CliArgumentError(`--days must be a whole number from 1 to 400; got "${text}".`);
  }
  return value;
}

/** "0.5%" or "0.5" → 0.005, within the range the settings page allows. */
function failureBudget(text: string): number {
  const bare = text.trim().replace(/%$/, '');
  const rate = /^\d+(\.\d+)?$/.test(bare) ? Number(bare) / 100 : NaN;
  if (!(rate >= MIN_MAX_FAILURE_RATE && rate <= MAX_MAX_FAILURE_RATE)) {
    throw new CliArgumentError(
      `--failure-budget must be a percentage of executions from ${MIN_MAX_FAILURE_RATE * 100}% to ${MAX_MAX_FAILURE_RATE * 100}%, such as 0.5%; got "${text}".`,
    );
  }
  return rate;
}

function isoTime(text: string): number {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) || Number.isNaN(ms)) {
    throw new CliArgumentError(
      `--now must be an ISO 8601 time such as 2025-05-20T12:00:00Z; got "${text}".`,
    );
  }
  return ms;
}

function name(flag: string, text: string | undefined, pattern: RegExp): string | undefined {
  if (text === undefined) return undefined;
  if (!pattern.test(text)) throw new CliArgumentError(`${flag} "${text}" is not a valid name.`);
  return text;
}

const OPTIONS = {
  job: { type: 'string' },
  project: { type: 'string' },
  region: { type: 'string' },
  days: { type: 'string' },
  policy: { type: 'string' },
  'price-book': { type: 'string' },
  objective: { type: 'string' },
  'failure-budget': { type: 'string' },
  format: { type: 'string' },
  now: { type: 'string' },
  share: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util names the offending option in its message, e.g. "Unknown option '--dyas'".
    const message = err instanceof Error ? err.message : String(err);
    throw new CliArgumentError(message.split('. To specify')[0] ?? message);
  }
}

export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length === 0 || positionals[0] === 'help') return { kind: 'help' };
  if (!['report', 'sync'].includes(positionals[0] ?? '') || positionals.length > 1) {
    throw new CliArgumentError(
      `Unknown command "${positionals.join(' ')}"; the commands are "report" and "sync".`,
    );
  }
  if (positionals[0] === 'sync') return parseSync(values);
  if (values.job === undefined || values.job.trim() === '')
    throw new CliArgumentError('--job is required: name the Cloud Run job to report on.');
  return {
    kind: 'report',
    job: name('--job', values.job, /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/) as string,
    project: name('--project', values.project, /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/),
    region: name('--region', values.region, /^[a-z]+-[a-z]+\d+$/),
    days: values.days === undefined ? 30 : days(values.days),
    policyFile: values.policy,
    priceBook: values['price-book'] ?? 'jobs-tier1',
    objective: oneOf('--objective', values.objective ?? 'balanced', OBJECTIVES),
    maxFailureRate:
      values['failure-budget'] === undefined ? undefined : failureBudget(values['failure-budget']),
    format: oneOf('--format', values.format ?? 'json', FORMATS),
    nowMs: values.now === undefined ? undefined : isoTime(values.now),
    share: values.share === true,
  };
}

const JOB_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const REPORT_ONLY = [
  'days',
  'policy',
  'price-book',
  'objective',
  'failure-budget',
  'format',
  'share',
] as const;

function parseSync(values: ReturnType<typeof parse>['values']): Command {
  const stray = REPORT_ONLY.find((option) => values[option] !== undefined);
  if (stray) throw new CliArgumentError(`--${stray} is an option of "report", not of "sync".`);
  return {
    kind: 'sync',
    job: name('--job', values.job, JOB_NAME),
    project: name('--project', values.project, /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/),
    region: name('--region', values.region, /^[a-z]+-[a-z]+\d+$/),
    nowMs: values.now === undefined ? undefined : isoTime(values.now),
  };
}
