/**
 * What every user reports with: the tier policy in force (approved through review, see
 * lib/tier-policy/proposals.ts; the built-in default before any) and the team's saved price book.
 * Price book writes are compare-and-set on the version the editor read, and audited by the store.
 */
import { FieldInputError } from '@/lib/service/errors';
import { approvedTierPolicy } from '@/lib/store/tier-policies';
import { DEFAULT_PRICE_BOOK_ID, findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import type { TierPolicy } from '@/lib/domain/tiers';
import { getSetting, putSetting, type Store } from '@/lib/store';
import { getStore } from '@/lib/store/instance';
import {
  customPriceBook,
  fieldErrors,
  priceBookChoiceSchema,
  type PriceBookChoice,
} from './settings-schema';

export { StaleWriteError } from '@/lib/store';

export const PRICE_BOOK_SETTING = 'price-book';

export type SavedSettings = {
  readonly policy: TierPolicy;
  /** The approved version in force; 0 while the built-in default is in use. */
  readonly policyVersion: number;
  readonly priceBookChoice: PriceBookChoice;
  readonly priceBook: PriceBook;
  readonly priceBookVersion: number;
};

export class SettingsInputError extends FieldInputError {
  constructor(errors: Readonly<Record<string, string>>) {
    super(errors, `The settings were not saved: ${Object.values(errors).join(' ')}`);
    this.name = 'SettingsInputError';
  }
}

export function priceBookOf(choice: PriceBookChoice): PriceBook {
  if (choice.kind === 'custom') return customPriceBook(choice);
  return findPriceBook(choice.id) ?? findPriceBook(DEFAULT_PRICE_BOOK_ID)!;
}

export async function getSavedSettings(store: Store): Promise<SavedSettings> {
  const [policy, book] = await Promise.all([
    approvedTierPolicy(store),
    getSetting(store, PRICE_BOOK_SETTING, priceBookChoiceSchema),
  ]);
  const priceBookChoice: PriceBookChoice = book?.value ?? {
    kind: 'book',
    id: DEFAULT_PRICE_BOOK_ID,
  };
  return {
    policy: policy.policy,
    policyVersion: policy.version,
    priceBookChoice,
    priceBook: priceBookOf(priceBookChoice),
    priceBookVersion: book?.version ?? 0,
  };
}

/** Validates on the server whatever the browser checked; a stale version throws StaleWriteError. */
export async function savePriceBook(
  store: Store,
  input: { raw: unknown; expectedVersion: number; actor: string },
): Promise<number> {
  const parsed = priceBookChoiceSchema.safeParse(input.raw);
  if (!parsed.success) throw new SettingsInputError(fieldErrors(parsed.error));
  const saved = await putSetting(store, PRICE_BOOK_SETTING, parsed.data, {
    expectedVersion: input.expectedVersion,
    actor: input.actor,
  });
  return saved.version;
}

/** The saved settings from the process's store. */
export async function currentSettings(): Promise<SavedSettings> {
  return getSavedSettings(await getStore());
}

export const currentStore = getStore;
