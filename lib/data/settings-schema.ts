/**
 * What the settings form sends and the store keeps, checked with the same zod schemas in the
 * browser and on the server. Pure: safe to import from client components.
 */
import { z } from 'zod';
import { PRICE_BOOKS, validatePriceBook, type PriceBook } from '@/lib/domain/pricing';
import { validateTierPolicy, type TierPolicy } from '@/lib/domain/tiers';

export const PRICE_BOOK_IDS = PRICE_BOOKS.map((book) => book.id) as [string, ...string[]];
export const CUSTOM_PRICE_BOOK_ID = 'custom';

/** A blank form field means "no limit"; anything else must be a number. */
const optionalNumber = z.preprocess(
  (value) => (value === '' || value === null || value === undefined ? undefined : Number(value)),
  z.number({ error: 'Enter a number, or leave it empty for no limit.' }).optional(),
);

const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .trim()
    .regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, {
      error: 'A Cloud Run job name: lower-case letters, digits and dashes, at most 63.',
    })
    .optional(),
);

export const tierSchema = z.object({
  id: z.string().trim().min(1, { error: 'Give the tier an id.' }).max(64),
  label: z.string().trim().min(1, { error: 'Give the tier a name.' }).max(100),
  maxClipCount: optionalNumber,
  maxTotalMb: optionalNumber,
  jobName: optionalText,
});

export const tierPolicySchema = z
  .object({
    tiers: z.array(tierSchema).min(1, { error: 'A tier policy needs at least one tier.' }),
  })
  .superRefine((policy, ctx) => {
    const checked = validateTierPolicy(policy as TierPolicy);
    if (checked.ok) return;
    for (const [key, message] of Object.entries(checked.errors)) {
      ctx.addIssue({ code: 'custom', path: key.split('.').map(pathPart), message });
    }
  });

function pathPart(part: string): string | number {
  return /^\d+$/.test(part) ? Number(part) : part;
}

const isoDate = z.iso.date({ error: 'Write the date as YYYY-MM-DD.' });
const price = z.coerce
  .number({ error: 'Enter a price in dollars.' })
  .finite()
  .nonnegative({ error: 'A price cannot be negative.' });

/** Either one of the published books, or custom rates with the date they were read. */
export const priceBookChoiceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('book'),
    id: z.enum(PRICE_BOOK_IDS, { error: 'Choose a price book.' }),
  }),
  z.object({
    kind: z.literal('custom'),
    label: z.string().trim().min(1, { error: 'Name these rates.' }).max(100),
    asOf: isoDate,
    vcpuSecondUsd: price,
    gibSecondUsd: price,
  }),
]);
export type PriceBookChoice = z.infer<typeof priceBookChoiceSchema>;

/** Field messages keyed by dotted path (`tiers.2.maxTotalMb`), the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
  return errors;
}

/** Custom rates as a price book the report can use; marked as the user's own entry. */
export function customPriceBook(choice: Extract<PriceBookChoice, { kind: 'custom' }>): PriceBook {
  const book: PriceBook = {
    id: CUSTOM_PRICE_BOOK_ID,
    label: choice.label,
    asOf: choice.asOf,
    vcpuSecondUsd: choice.vcpuSecondUsd,
    gibSecondUsd: choice.gibSecondUsd,
    estimate: false,
    source: 'Custom rates entered in Tierwise settings.',
  };
  const checked = validatePriceBook(book);
  if (!checked.ok) throw new Error(Object.values(checked.errors).join(' '));
  return book;
}

/** `tiers.0.id`-style form fields into `{ tiers: [{ id }] }`, in index order. */
export function policyFromForm(form: FormData): { tiers: Record<string, unknown>[] } {
  // Keyed by index rather than a sparse array: `tiers.99999999.id` must not allocate 10^8 slots.
  const tiers = new Map<number, Record<string, unknown>>();
  for (const [name, value] of form.entries()) {
    const match = /^tiers\.(\d+)\.(\w+)$/.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const tier = tiers.get(index) ?? {};
    tier[match[2]!] = typeof value === 'string' ? value : '';
    tiers.set(index, tier);
  }
  return { tiers: [...tiers.entries()].sort(([a], [b]) => a - b).map(([, tier]) => tier) };
}

export function priceBookFromForm(form: FormData): Record<string, unknown> {
  const kind = form.get('kind');
  if (kind !== CUSTOM_PRICE_BOOK_ID) return { kind: 'book', id: form.get('id') };
  return {
    kind: 'custom',
    label: form.get('label'),
    asOf: form.get('asOf'),
    vcpuSecondUsd: form.get('vcpuSecondUsd'),
    gibSecondUsd: form.get('gibSecondUsd'),
  };
}
