import { Card } from '@/components/ui/card';
import { formatCount, formatDateTimeUtc } from '@/lib/format';
import { webhookRows } from '@/lib/notify/view';
import { AddWebhookForm, RemoveWebhookButton } from './webhook-form';

/** Admins only: outgoing webhooks for change steps, verdicts and rollbacks. */
export async function WebhooksSection() {
  const rows = await webhookRows();
  return (
    <Card title="Webhooks">
      <div className="grid gap-3">
        <p className="text-sm">
          Tierwise posts when a change is proposed (awaiting approval), approved, applied, verified
          (a settled verdict) and when it proposes a rollback. Each body is signed:{' '}
          <code>X-Tierwise-Signature: t=…,v1=…</code> is the hex HMAC-SHA256 of <code>t.body</code>{' '}
          with the endpoint&apos;s secret. A receiver that is down is retried for about two hours
          with backoff.
        </p>
        {rows.length === 0 ? <p className="text-sm text-muted">No webhooks yet.</p> : null}
        <ul className="grid gap-2">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center gap-3 text-sm">
              <code>{row.url}</code>
              <span>{row.format === 'slack' ? 'Slack-compatible' : 'generic JSON'}</span>
              <span className="text-muted">
                added by {row.createdBy} {formatDateTimeUtc(row.createdAt)} UTC ·{' '}
                {formatCount(row.deliveries.delivered)} delivered,{' '}
                {formatCount(row.deliveries.pending)} waiting, {formatCount(row.deliveries.gaveUp)}{' '}
                given up
                {row.deliveries.lastError ? ` · last error: ${row.deliveries.lastError}` : ''}
              </span>
              <RemoveWebhookButton id={row.id} />
            </li>
          ))}
        </ul>
        <AddWebhookForm />
      </div>
    </Card>
  );
}
