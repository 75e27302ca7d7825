/**
 * Message bodies. Slack incoming webhooks take `{"text": …}` with mrkdwn
 * (https://api.slack.com/messaging/webhooks); the generic body is the notification as JSON.
 */
import type { WebhookFormat } from './endpoints';
import type { Notification } from './events';

const HEADLINES: Record<Notification['event'], string> = {
  'change.awaiting-approval': 'Change proposed, awaiting approval',
  'change.approved': 'Change approved',
  'change.applied': 'Change applied',
  'change.verdict': 'Change verified',
  'change.rollback-proposed': ':rotating_light: Urgent: rollback proposed',
};

/** Slack mrkdwn treats &, < and > as markup; everything shown is escaped. */
const escapeSlack = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function summary(notification: Notification): string {
  const d = notification.details;
  const parts = [
    typeof d.job === 'string' ? `job ${d.job}` : null,
    typeof d.tier === 'string' ? `tier ${d.tier}` : null,
    // The job's place: the same name in another region or project is another job.
    typeof d.region === 'string'
      ? `${typeof d.project === 'string' ? `${d.project} / ` : ''}${d.region}`
      : null,
    typeof d.verdict === 'string' ? `verdict: ${d.verdict}` : null,
    typeof d.rollback === 'string' ? `rollback change ${d.rollback}` : null,
    typeof d.appliedOutside === 'string' ? `applied outside Tierwise: ${d.appliedOutside}` : null,
  ].filter((part): part is string => part !== null);
  return parts.join(' · ');
}

export function renderBody(format: WebhookFormat, notification: Notification): string {
  const change = notification.changeId ? `/changes/${notification.changeId}` : null;
  if (format === 'slack') {
    const lines = [
      `*${HEADLINES[notification.event]}*${change ? ` — change ${escapeSlack(notification.changeId ?? '')}` : ''}`,
      escapeSlack(summary(notification)),
      `by ${escapeSlack(notification.actor)}${change ? ` · Tierwise ${change}` : ''}`,
    ].filter((line) => line !== '');
    return JSON.stringify({ text: lines.join('\n') });
  }
  return JSON.stringify({
    event: notification.event,
    at: new Date(notification.at).toISOString(),
    actor: notification.actor,
    change: notification.changeId,
    path: change,
    details: notification.details,
  });
}
