import type { SnapshotSummary } from './document';
import { snapshotSummary } from './snapshots';
import { getStore } from '@/lib/store/instance';

/**
 * For change requests: the snapshot they were proposed from (job, window, totals, who took it and
 * whether it is still open), or undefined for an unknown id. Reads the store only, never Google.
 */
export async function getSnapshotSummary(id: string): Promise<SnapshotSummary | undefined> {
  return snapshotSummary(await getStore(), id);
}
