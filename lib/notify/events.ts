/**
 * What is announced, read from the audit log: every change step worth a message already writes
 * an entry there, so notifications follow the log rather than hooks in each service.
 */
import type { AuditEntry } from '@/lib/store';

export const NOTIFIED_ACTIONS = {
  'change.proposed': 'change.awaiting-approval',
  'change.approved': 'change.approved',
  'change.applied': 'change.applied',
  'change.verdict': 'change.verdict',
  'change.rollback-proposed': 'change.rollback-proposed',
} as const;
export type NotifiedAction = keyof typeof NOTIFIED_ACTIONS;
export type WebhookEvent = (typeof NOTIFIED_ACTIONS)[NotifiedAction];

export interface Notification {
  readonly event: WebhookEvent;
  /** Identity of the event: the same key is never delivered twice to one endpoint. */
  readonly key: string;
  readonly at: number;
  readonly actor: string;
  readonly changeId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export function isNotified(action: string): action is NotifiedAction {
  return Object.hasOwn(NOTIFIED_ACTIONS, action);
}

export function notificationOf(entry: AuditEntry): Notification | null {
  if (!isNotified(entry.action)) return null;
  const changeId = entry.target.startsWith('change:') ? entry.target.slice('change:'.length) : null;
  // A verdict is announced once per verdict; every other step happens once per change.
  const suffix = entry.action === 'change.verdict' ? `:${String(entry.details.verdict)}` : '';
  return {
    event: NOTIFIED_ACTIONS[entry.action],
    key: `${entry.action}:${entry.target}${suffix}`,
    at: entry.at,
    actor: entry.actor,
    changeId,
    details: entry.details,
  };
}
