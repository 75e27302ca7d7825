/**
 * What pages and route handlers of shared reports call: the same services with the app's store,
 * so that `app/` never reaches into `lib/store` itself.
 */
import { getStore } from '@/lib/store/instance';
import { executionsCsv } from '@/lib/snapshots/exports';
import { appLiveReportReader } from '@/lib/snapshots/live';
import type { SnapshotRequest } from '@/lib/snapshots/request';
import {
  openSnapshot,
  takeSnapshot,
  type OpenedSnapshot,
  type SnapshotActor,
  type TakenSnapshot,
} from '@/lib/snapshots/snapshots';

export async function openSharedSnapshot(id: string): Promise<OpenedSnapshot> {
  return openSnapshot(await getStore(), id);
}

export async function takeSharedSnapshot(
  user: SnapshotActor,
  request: SnapshotRequest,
): Promise<TakenSnapshot> {
  const deps = { store: await getStore(), readLiveReport: appLiveReportReader() };
  return takeSnapshot(deps, user, request);
}

/** Every execution of a snapshot as CSV, streamed from the store. */
export async function sharedExecutionsCsv(id: string): Promise<ReadableStream<Uint8Array>> {
  return executionsCsv(await getStore(), id);
}
