import { loadBatchDraft } from '@/lib/changes/plans/batch-draft';
import { BatchForm } from './batch-form';
import type { Place } from '@/lib/domain/place';

/** Every tier job's limits and recommendation, read on the server, then the form. */
export async function BatchLoader({ place }: { place: Place }) {
  const draft = await loadBatchDraft(place);
  if (draft.rows.length === 0) {
    return <p className="text-sm text-muted">No tier has a job of its own in the tier policy.</p>;
  }
  return <BatchForm draft={draft} />;
}
