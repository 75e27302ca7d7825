/** The webhook tables as stored (lib/store/migrations/0031-webhooks.ts). */
import type { Kysely } from 'kysely';
import type { Database, Store } from '@/lib/store';

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  format: string;
  secret: string;
  created_by: string;
  created_at: number;
}

export interface WebhookOutboxTable {
  id: string;
  endpoint_id: string;
  event: string;
  dedupe_key: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  claimed_by: string | null;
  claimed_until: number | null;
  delivered_at: number | null;
  gave_up_at: number | null;
  last_error: string | null;
}

export interface NotifyCursorTable {
  name: string;
  audit_id: number;
}

type NotifyTables = {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_outbox: WebhookOutboxTable;
  notify_cursor: NotifyCursorTable;
};

export const notifyDb = (store: Store): Kysely<Database & NotifyTables> =>
  store.db.withTables<NotifyTables>();
