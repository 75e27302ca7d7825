import type { Place } from '@/lib/domain/place';
import type { Role } from '@/lib/domain/roles';
import type { JobRecord } from '@/lib/domain/records';
import type { TierPolicy } from '@/lib/domain/tiers';
import type { GcpClients } from '@/lib/gcp';
import type { JsonObject, Store } from '@/lib/store';

/** Who is acting: their proven email and role (adapters get both from lib/auth). */
export interface Actor {
  readonly email: string;
  readonly role: Role;
}

/** The figures frozen into a proposal, read from the report of the job and tier it is for. */
export type EvidenceReader = (job: JobRecord, tier: string) => Promise<JsonObject>;

export type { Place };

/**
 * The context at another place Tierwise reads; throws a `ChangeInputError` naming `project` or
 * `region` when Tierwise is not configured to read that place.
 */
export type PlaceContext = (place: Place) => Promise<ChangeContext>;

/**
 * Everything the change service works with; the app builds one per request, tests their own.
 * `project` and `region` are the place it acts on; a change already stored is always acted on
 * at its own place (`lib/changes/place.ts`), reached through `at`.
 */
export interface ChangeContext {
  readonly store: Store;
  readonly clients: GcpClients;
  readonly project: string;
  readonly region: string;
  /** Other places this deployment reads; without it, only `project` / `region`. */
  readonly at?: PlaceContext;
  readonly tierPolicy: TierPolicy;
  readonly evidence?: EvidenceReader;
  /** Longest wait for Cloud Run's update operation before the apply is recorded as failed. */
  readonly operationTimeoutMs?: number;
  /** Told which jobs an apply may have changed, whatever its outcome, so kept reports are dropped. */
  readonly onJobsChanged?: (jobs: readonly string[]) => void;
}

/** Cloud Run finishes job updates within seconds; a minute means something is wrong. */
export const DEFAULT_OPERATION_TIMEOUT_MS = 60_000;

/** An `applying` change untouched for this long has lost its applier (dry run + update + read). */
export const INTERRUPTED_APPLY_AFTER_MS = 3 * 60_000;

/** The tier id of a change that is not for one tier. */
export const ALL_TIERS = 'all';
