import { isChangeError } from '@/lib/changes/errors';
import { loadSplitDraft, type SplitDraft } from '@/lib/changes/plans/split-draft';
import { SplitForm } from './split-form';
import type { Place } from '@/lib/domain/place';

async function draftOrProblem(job: string, place: Place): Promise<SplitDraft | string> {
  try {
    return await loadSplitDraft(job, place);
  } catch (error) {
    if (!isChangeError(error)) throw error;
    return 'errors' in error ? Object.values(error.errors).join(' ') : error.message;
  }
}

export async function SplitLoader({ job, place }: { job: string; place: Place }) {
  const draft = await draftOrProblem(job, place);
  if (typeof draft === 'string' || draft.blocked) {
    return (
      <p role="alert" className="text-sm text-danger">
        {typeof draft === 'string' ? draft : draft.blocked}
      </p>
    );
  }
  return (
    <div className="grid gap-4">
      {draft.advice ? (
        <p className="rounded border border-border p-3 text-sm" data-split-advice>
          {draft.advice.text}
        </p>
      ) : null}
      {draft.reportError ? (
        <p className="text-sm text-warning">
          The report could not be read, so the rows start from the current limits:{' '}
          {draft.reportError}
        </p>
      ) : null}
      <SplitForm draft={draft} />
    </div>
  );
}
