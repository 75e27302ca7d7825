/**
 * THE service for shared reports: the only code that creates, opens or revokes a snapshot. Route
 * handlers, server actions and the CLI are thin adapters over it.
 */
import type { ExecutionRecord, TaskRecord } from '@/lib/domain/records';
import type { JobReport, Objective } from '@/lib/domain/report';
import type { TierPolicy } from '@/lib/domain/tiers';
import type { Store } from '@/lib/store';
import {
  SNAPSHOT_SCHEMA_VERSION,
  snapshotUrl,
  summarise,
  type SnapshotDocument,
  type SnapshotStatus,
  type SnapshotSummary,
} from '@/lib/snapshots/document';
import {
  SnapshotGoneError,
  SnapshotNotFoundError,
  SnapshotRevokeRefusedError,
} from '@/lib/snapshots/errors';
import { executionRows, rowCells } from '@/lib/snapshots/execution-rows';
import { isSnapshotId, newSnapshotId } from '@/lib/snapshots/ids';
import type { SnapshotRequest } from '@/lib/snapshots/request';
import {
  findSnapshot,
  insertSnapshot,
  markRevoked,
  type SnapshotRecord,
} from '@/lib/snapshots/snapshot-repository';

const DAY_MS = 86_400_000;

export interface LiveReportRequest {
  readonly job: string;
  /** The job's project and region; the reader's defaults when undefined. */
  readonly project?: string | undefined;
  readonly region?: string | undefined;
  readonly window: SnapshotRequest['window'];
  /** Undefined or `custom`: the team's saved book. */
  readonly priceBook: string | undefined;
  /** Undefined: the approved tier policy. */
  readonly policy: TierPolicy | undefined;
  readonly objective: Objective;
  readonly nowMs: number;
}

export interface LiveReport {
  readonly report: JobReport;
  readonly records: {
    readonly executions: readonly ExecutionRecord[];
    readonly tasks: readonly TaskRecord[];
  };
}

/** Reads a job's report live (from Google or the emulator); injected so tests pin the source. */
export type ReadLiveReport = (request: LiveReportRequest) => Promise<LiveReport>;

export interface SnapshotActor {
  readonly email: string;
  readonly role: string | null;
}

export interface TakenSnapshot {
  readonly id: string;
  readonly url: string;
  readonly document: SnapshotDocument;
}

/** Freezes a live report, its inputs and every execution row under a new unguessable id. */
export async function takeSnapshot(
  deps: { store: Store; readLiveReport: ReadLiveReport },
  author: SnapshotActor,
  request: SnapshotRequest,
): Promise<TakenSnapshot> {
  const takenAtMs = deps.store.now();
  const live = await deps.readLiveReport({ ...request, nowMs: takenAtMs });
  const id = newSnapshotId();
  const document: SnapshotDocument = {
    snapshotSchemaVersion: SNAPSHOT_SCHEMA_VERSION,
    id,
    url: snapshotUrl(id),
    takenAtMs,
    takenAtIso: new Date(takenAtMs).toISOString(),
    takenBy: author.email.toLowerCase(),
    expiresAtMs:
      request.expiresInDays === undefined ? null : takenAtMs + request.expiresInDays * DAY_MS,
    report: live.report,
  };
  const rows = executionRows(live.report.inputs, live.records.executions, live.records.tasks);
  const { inputs } = live.report;
  await insertSnapshot(
    deps.store,
    {
      id,
      project: inputs.project,
      region: inputs.region,
      job: inputs.job,
      author: author.email.toLowerCase(),
      created_at: takenAtMs,
      expires_at: document.expiresAtMs,
      document: JSON.stringify(document),
      summary: JSON.stringify(summarise(document)),
    },
    { count: live.report.totals.executions, cells: mapIterable(rows, rowCells) },
  );
  return { id, url: document.url, document };
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

export interface OpenedSnapshot {
  readonly record: SnapshotRecord;
  /** Exactly the stored text: served as is, so every read is byte for byte the same. */
  readonly documentText: string;
  readonly document: SnapshotDocument;
}

function statusOf(record: SnapshotRecord, nowMs: number): SnapshotStatus {
  if (record.revoked_at !== null) return 'revoked';
  if (record.expires_at !== null && nowMs >= Number(record.expires_at)) return 'expired';
  return 'active';
}

/** The snapshot behind a link, or 404 / 410 errors with a message for whoever clicked it. */
export async function openSnapshot(store: Store, id: string): Promise<OpenedSnapshot> {
  const record = isSnapshotId(id) ? await findSnapshot(store, id) : undefined;
  if (!record) throw new SnapshotNotFoundError(id);
  const status = statusOf(record, store.now());
  if (status === 'revoked') throw new SnapshotGoneError(id, 'revoked', Number(record.revoked_at));
  if (status === 'expired') throw new SnapshotGoneError(id, 'expired', Number(record.expires_at));
  return {
    record,
    documentText: record.document,
    document: JSON.parse(record.document) as SnapshotDocument,
  };
}

/** Revokes for good; allowed to its author and to admins. Revoking twice is a no-op. */
export async function revokeSnapshot(
  store: Store,
  actor: SnapshotActor,
  id: string,
): Promise<void> {
  const record = isSnapshotId(id) ? await findSnapshot(store, id) : undefined;
  if (!record) throw new SnapshotNotFoundError(id);
  if (record.author !== actor.email.toLowerCase() && actor.role !== 'admin') {
    throw new SnapshotRevokeRefusedError(actor.email, record.author);
  }
  await markRevoked(store, id, actor.email.toLowerCase());
}

/** What a change request shows of the snapshot it was proposed from; undefined for an unknown id. */
export async function snapshotSummary(
  store: Store,
  id: string,
): Promise<SnapshotSummary | undefined> {
  const record = isSnapshotId(id) ? await findSnapshot(store, id) : undefined;
  if (!record) return undefined;
  const summary = JSON.parse(record.summary) as Omit<SnapshotSummary, 'status'>;
  return { ...summary, status: statusOf(record, store.now()) };
}
