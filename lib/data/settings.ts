/**
 * The team's saved tier policy and price book, kept in the store so every user reports with the
 * same ones. Writes are compare-and-set on the version the editor read, and audited by the store.
 */
import { DEFAULT_PRICE_BOOK_ID, findPriceBook, type PriceBook } from '@/lib/domain/pricing';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import { getSetting, putSetting, type Store } from '@/lib/store';
import { getStore } from '@/lib/store/instance';
import {
  customPriceBook,
  fieldErrors,
  priceBookChoiceSchema,
  savedTierPolicySchema,
  tierPolicySchema,
  type PriceBookChoice,
} from './settings-schema';

/** Shared with tier policy reviews: an approved proposal writes this same setting. */
export const TIER_POLICY_SETTING = 'tier-policy';
export const PRICE_BOOK_SETTING = 'price-book';

export type SavedSettings = {
  readonly policy: TierPolicy;
  /** 0 while the built-in default is in use. */
  readonly policyVersion: number;
  readonly priceBookChoice: PriceBookChoice;
  readonly priceBook: PriceBook;
  readonly priceBookVersion: number;
  readonly updatedBy: string | null;
};

export class SettingsInputError extends Error {
  constructor(readonly errors: Readonly<Record<string, string>>) {
    super(`The settings were not saved: ${Object.values(errors).join(' ')}`);
    this.name = 'SettingsInputError';
  }
}

export function priceBookOf(choice: PriceBookChoice): PriceBook {
  if (choice.kind === 'custom') return customPriceBook(choice);
  return findPriceBook(choice.id) ?? findPriceBook(DEFAULT_PRICE_BOOK_ID)!;
}

export async function getSavedSettings(store: Store): Promise<SavedSettings> {
  const [policy, book] = await Promise.all([
    getSetting(store, TIER_POLICY_SETTING, savedTierPolicySchema),
    getSetting(store, PRICE_BOOK_SETTING, priceBookChoiceSchema),
  ]);
  const priceBookChoice: PriceBookChoice = book?.value ?? { kind: 'book', id: DEFAULT_PRICE_BOOK_ID };
  return {
    policy: (policy?.value.policy as TierPolicy | undefined) ?? DEFAULT_TIER_POLICY,
    policyVersion: policy?.version ?? 0,
    priceBookChoice,
    priceBook: priceBookOf(priceBookChoice),
    priceBookVersion: book?.version ?? 0,
    updatedBy: policy?.updatedBy ?? book?.updatedBy ?? null,
  };
}

/** Validates on the server whatever the browser checked; a stale version throws StaleWriteError. */
export async function saveTierPolicy(
  store: Store,
  input: { raw: unknown; expectedVersion: number; actor: string },
): Promise<number> {
  const parsed = tierPolicySchema.safeParse(input.raw);
  if (!parsed.success) throw new SettingsInputError(fieldErrors(parsed.error));
  const value = { policy: parsed.data as TierPolicy, proposalId: null };
  const saved = await putSetting(store, TIER_POLICY_SETTING, value, {
    expectedVersion: input.expectedVersion,
    actor: input.actor,
  });
  return saved.version;
}

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
