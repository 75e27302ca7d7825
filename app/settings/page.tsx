import type { Metadata } from 'next';
import { PriceBookForm } from '@/components/settings/price-book-form';
import { TierPolicyForm } from '@/components/settings/tier-policy-form';
import { Card } from '@/components/ui/card';
import { requirePageRole } from '@/lib/auth/guard';
import { roleSatisfies } from '@/lib/auth/roles';
import { currentSettings } from '@/lib/data/settings';
import { savePriceBookAction, saveTierPolicyAction } from './actions';

export const metadata: Metadata = { title: 'Settings — Tierwise' };

export default async function SettingsPage() {
  const user = await requirePageRole('view-reports');
  const settings = await currentSettings();
  const canEdit = roleSatisfies(user.role, 'edit-settings');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <p className="text-sm text-muted">
        Shared by the whole team: every report uses these unless its link names others.
        {canEdit
          ? ''
          : ` Only admins can change them; you are signed in as ${user.email} (${user.role}).`}
      </p>
      <Card
        title={`Tier policy (${settings.policyVersion === 0 ? 'built-in default' : `version ${settings.policyVersion}`})`}
      >
        <p className="mb-3 text-sm">
          An execution belongs to the first tier whose limits its JOB_PAYLOAD fits: at most that
          many clips and a total size below that many MB. The last tier has no limits and takes
          everything else.
        </p>
        <TierPolicyForm
         
          policy={settings.policy}
          canEdit={canEdit}
          action={saveTierPolicyAction.bind(null, settings.policyVersion)}
        />
      </Card>
      <Card title={`Price book (${settings.priceBook.label}, as of ${settings.priceBook.asOf})`}>
        <PriceBookForm
         
          choice={settings.priceBookChoice}
          canEdit={canEdit}
          action={savePriceBookAction.bind(null, settings.priceBookVersion)}
        />
      </Card>
    </div>
  );
}
