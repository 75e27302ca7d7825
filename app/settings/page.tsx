import type { Metadata } from 'next';
import Link from 'next/link';
import { FailureBudgetForm } from '@/components/settings/failure-budget-form';
import { PriceBookForm } from '@/components/settings/price-book-form';
import { WebhooksSection } from '@/components/settings/webhooks-section';
import { TierPolicyForm } from '@/components/settings/tier-policy-form';
import { InForceLine } from '@/components/tier-policy/in-force';
import { PendingLinks } from '@/components/tier-policy/pending-links';
import { Card } from '@/components/ui/card';
import { requirePageRole } from '@/lib/auth/guard';
import { roleSatisfies } from '@/lib/domain/roles';
import { proposeTierPolicyAction } from '@/lib/tier-policy/actions';
import { appTierPolicyView } from '@/lib/tier-policy/view';
import { currentSettings } from '@/lib/data/settings';
import { appJobFailureBudgets } from '@/lib/data/failure-budgets-app';
import { DEFAULT_MAX_FAILURE_RATE } from '@/lib/data/failure-budgets';
import { saveFailureBudgetAction, savePriceBookAction } from './actions';

export const metadata: Metadata = { title: 'Settings — Tierwise' };

export default async function SettingsPage() {
  const user = await requirePageRole('view-reports');
  const [settings, tierPolicy, budgets] = await Promise.all([
    currentSettings(),
    appTierPolicyView(),
    appJobFailureBudgets(),
  ]);
  const canEdit = roleSatisfies(user.role, 'edit-settings');
  const canPropose = roleSatisfies(user.role, 'propose-change');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <p className="text-sm text-muted">
        Shared by the whole team: every report uses these unless its link names others.
        {canPropose
          ? ''
          : ` Requesters propose tier policy changes and admins change the price book; you are signed in as ${user.email} (${user.role}).`}
      </p>
      <Card
        title={`Tier policy (${tierPolicy.inForce.version === 0 ? 'built-in default' : `version ${tierPolicy.inForce.version}`})`}
      >
        <div className="mb-3 grid gap-2">
          <InForceLine inForce={tierPolicy.inForce} />
          <PendingLinks pending={tierPolicy.pending} />
          <p className="text-sm">
            An execution belongs to the first tier whose limits its JOB_PAYLOAD fits: at most that
            many clips and a total size below that many MB. The last tier has no limits and takes
            everything else. Editing here proposes a new version; reports and orchestrators keep the
            version in force until another approver approves it on the{' '}
            <Link href="/tier-policy" className="text-accent underline">
              tier policy page
            </Link>
            , which also keeps every earlier version.
          </p>
        </div>
        <TierPolicyForm
          policy={tierPolicy.inForce.policy}
          canPropose={canPropose}
          action={proposeTierPolicyAction}
        />
      </Card>
      <Card title={`Price book (${settings.priceBook.label}, as of ${settings.priceBook.asOf})`}>
        <PriceBookForm
          choice={settings.priceBookChoice}
          canEdit={canEdit}
          action={savePriceBookAction.bind(null, settings.priceBookVersion)}
        />
      </Card>
      <Card title="Failure budget per job">
        <FailureBudgetForm
          budgets={budgets.map(({ job, maxFailureRate, updatedBy, updatedAt }) => ({
            job,
            maxFailureRate,
            updatedBy,
            updatedAt,
          }))}
          defaultRate={DEFAULT_MAX_FAILURE_RATE}
          canEdit={canEdit}
          action={saveFailureBudgetAction}
        />
      </Card>
      {canEdit ? <WebhooksSection /> : null}
    </div>
  );
}
