import type { ChangeState } from '@/lib/store/change-requests';

const TONE: Record<ChangeState, string> = {
  proposed: 'border-accent text-accent',
  approved: 'border-ok text-ok',
  applying: 'border-warning text-warning',
  applied: 'border-ok bg-ok text-white',
  failed: 'border-danger text-danger',
  rejected: 'border-muted text-muted',
  withdrawn: 'border-muted text-muted',
  superseded: 'border-warning text-warning',
};

export function StateBadge({ state }: { state: ChangeState }) {
  return <span className={`rounded border px-1.5 py-0.5 text-xs ${TONE[state]}`}>{state}</span>;
}
