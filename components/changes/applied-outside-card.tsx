import type { AuthorizedUser } from '@/lib/auth/guard';
import { roleSatisfies } from '@/lib/domain/roles';
import { appChangeContext } from '@/lib/changes/app-context';
import { appliedOutsideNote } from '@/lib/changes/outside';
import { loadChange } from '@/lib/changes/transitions';
import { listAudit } from '@/lib/store';
import { Card } from '@/components/ui/card';
import { AppliedOutsideForm } from './applied-outside-form';

/** Record an approved change as applied outside Tierwise, or say that it was and how. */
export async function AppliedOutsideCard({ id, user }: { id: string; user: AuthorizedUser }) {
  const context = await appChangeContext();
  const change = await loadChange(context, id);
  if (change.plan) return null;
  if (change.state === 'applied') {
    const history = await listAudit(context.store, { target: `change:${id}`, limit: 1000 });
    const note = appliedOutsideNote(history);
    if (!note) return null;
    return (
      <Card title="Applied outside Tierwise">
        <p className="text-sm">{note}</p>
      </Card>
    );
  }
  if (change.state !== 'approved' || !roleSatisfies(user.role, 'apply-change')) return null;
  return (
    <Card title="Applied outside Tierwise">
      <AppliedOutsideForm id={id} />
    </Card>
  );
}
