import { loadProposalDraft, type ProposalDraft } from '@/lib/changes/draft';
import { isChangeError } from '@/lib/changes/errors';
import type { ProjectionView } from '@/lib/changes/projection-query';
import { ProposalForm } from './proposal-form';

async function draftOrProblem(job: string, view: ProjectionView): Promise<ProposalDraft | string> {
  try {
    return await loadProposalDraft(job, view);
  } catch (error) {
    if (!isChangeError(error)) throw error;
    return 'errors' in error ? Object.values(error.errors).join(' ') : error.message;
  }
}

export async function ProposalLoader({
  job,
  view,
  tier,
}: {
  job: string;
  view: ProjectionView;
  tier?: string;
}) {
  const draft = await draftOrProblem(job, view);
  if (typeof draft === 'string') {
    return (
      <p role="alert" className="text-sm text-danger">
        {draft}
      </p>
    );
  }
  return <ProposalForm draft={draft} initialTier={tier} />;
}
