import { z } from 'zod';

// Comma-separated emails, e.g. "ana@example.com, bo@example.com" → ['ana@example.com', 'bo@example.com'].
const emailList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== ''),
  )
  .pipe(z.array(z.email('expected comma-separated email addresses')));

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:8086');

export const envSchema = z
  .object({
    TIERWISE_EMULATOR_HOST: hostPort.optional(),
    GOOGLE_CLOUD_PROJECT: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'expected a Google Cloud project id')
      .optional(),
    TIERWISE_REGION: z
      .string()
      .regex(/^[a-z]+-[a-z]+\d+$/, 'expected a Cloud Run region, e.g. us-central1')
      .default('us-central1'),
    // More projects to read besides GOOGLE_CLOUD_PROJECT, comma-separated; each needs the read roles.
    TIERWISE_PROJECTS: z
      .string()
      .optional()
      .transform((text) =>
        (text ?? '')
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      )
      .pipe(
        z.array(
          z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'expected Google Cloud project ids'),
        ),
      ),
    // The regions whose jobs Tierwise reads: a comma-separated list, or `all` for every region
    // ListLocations names; unset → TIERWISE_REGION alone.
    TIERWISE_REGIONS: z
      .string()
      .optional()
      .transform((text) =>
        text === undefined || text.trim() === ''
          ? undefined
          : text.trim() === 'all'
            ? ('all' as const)
            : text.split(',').map((item) => item.trim()),
      )
      .pipe(
        z
          .union([
            z.literal('all'),
            z
              .array(
                z
                  .string()
                  .regex(
                    /^[a-z]+-[a-z]+\d+$/,
                    'expected regions, e.g. us-central1,europe-west1, or all',
                  ),
              )
              .min(1),
          ])
          .optional(),
      ),
    DATABASE_URL: z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, 'expected file:PATH or postgres://…')
      .default('file:./data/tierwise.db'),
    TIERWISE_AUTH: z.enum(['demo', 'iap']).optional(),
    TIERWISE_IAP_AUDIENCE: z.string().min(1).optional(),
    TIERWISE_IAP_JWKS_URL: z
      .url({ protocol: /^https?$/, error: 'expected the URL of a JWK set' })
      .default('https://www.gstatic.com/iap/verify/public_key-jwk'),
    TIERWISE_ADMINS: emailList,
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Public links to shared reports are off unless a deployment turns them on and signs them.
    TIERWISE_PUBLIC_LINKS: z.enum(['on', 'off']).default('off'),
    // A page view syncs a job's execution ledger first when its last sync is older than this.
    TIERWISE_LEDGER_FRESHNESS_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    // Executions older than this are pruned from the ledger; reports cover at most 400 days.
    TIERWISE_LEDGER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
    TIERWISE_SHARE_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters, e.g. the output of: openssl rand -base64 32')
      .optional(),
  })
  .superRefine((env, ctx) => {
    const auth = env.TIERWISE_AUTH ?? (env.TIERWISE_EMULATOR_HOST ? 'demo' : 'iap');
    if (auth === 'demo' && !env.TIERWISE_EMULATOR_HOST) {
      ctx.addIssue({
        code: 'custom',
        path: ['TIERWISE_AUTH'],
        message: 'demo identities are only allowed with TIERWISE_EMULATOR_HOST set',
      });
    }
    if (auth === 'iap' && !env.TIERWISE_IAP_AUDIENCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['TIERWISE_IAP_AUDIENCE'],
        message:
          'required with IAP sign-in: /projects/NUMBER/global/backendServices/ID (or /projects/NUMBER/apps/PROJECT)',
      });
    }
    if (env.TIERWISE_PUBLIC_LINKS === 'on' && !env.TIERWISE_SHARE_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TIERWISE_SHARE_SECRET'],
        message: 'required with TIERWISE_PUBLIC_LINKS=on: the key that signs public report links',
      });
    }
    if (!env.TIERWISE_EMULATOR_HOST && !env.GOOGLE_CLOUD_PROJECT) {
      ctx.addIssue({
        code: 'custom',
        path: ['GOOGLE_CLOUD_PROJECT'],
        message: 'required when reading Google Cloud (TIERWISE_EMULATOR_HOST is unset)',
      });
    }
  });

export type Env = z.infer<typeof envSchema> & { GOOGLE_CLOUD_PROJECT: string };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Tierwise settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses settings once; names every bad variable in one error. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`),
    );
  }
  // In emulator mode the project is whatever the emulator serves; the demo scenario uses demo-project.
  return {
    ...result.data,
    GOOGLE_CLOUD_PROJECT: result.data.GOOGLE_CLOUD_PROJECT ?? 'demo-project',
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
