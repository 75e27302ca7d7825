import { loadProposalDraft, type ProposalDraft } from '@/lib/changes/draft';
import { isChangeError } from '@/lib/changes/errors';
import { ProposalForm } from './proposal-form';

async function draftOrProblem(job: string): Promise<ProposalDraft | string> {
  try {
    return await loadProposalDraft(job);
  } catch (error) {
    if (!isChangeError(error)) throw error;
    return 'errors' in error ? Object.values(error.errors).join(' ') : error.message;
  }
}

export async function ProposalLoader({ job }: { job: string }) {
  const draft = await draftOrProblem(job);
  if (typeof draft === 'string') {
    return (
      <p role="alert" className="text-sm text-danger">
        {draft}
      </p>
    );
  }
  return <ProposalForm draft={draft} />;
}
