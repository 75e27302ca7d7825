/**
 * Webhook endpoints admins configure on /settings. The secret signs every delivery; it is shown
 * once when the endpoint is added and never written to the audit log.
 */
import { FieldInputError } from '@/lib/service/errors';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appendAudit, type Store } from '@/lib/store';
import { startCursorAtNewest } from './cursor';
import { notifyDb } from './tables';

export const WEBHOOK_FORMATS = ['slack', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly format: WebhookFormat;
  readonly secret: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

export class WebhookInputError extends FieldInputError {
  constructor(errors: Readonly<Record<string, string>>) {
    super(errors);
    this.name = 'WebhookInputError';
  }
}

const endpointSchema = z.object({
  url: z
    .string({ error: 'Give the receiver URL, e.g. https://hooks.slack.com/services/….' })
    .trim()
    .max(2000, 'Keep the URL under 2,000 characters.')
    .refine((text) => {
      try {
        const url = new URL(text);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'Give a full http:// or https:// URL, e.g. https://hooks.slack.com/services/….'),
  format: z.enum(WEBHOOK_FORMATS, { error: 'Choose slack or json.' }),
});

export function parseEndpoint(raw: unknown): { url: string; format: WebhookFormat } {
  const result = endpointSchema.safeParse(raw);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues)
    errors[String(issue.path[0] ?? 'body')] ??= issue.message;
  throw new WebhookInputError(errors);
}

function toEndpoint(row: {
  id: string;
  url: string;
  format: string;
  secret: string;
  created_by: string;
  created_at: number;
}): WebhookEndpoint {
  const format = (WEBHOOK_FORMATS as readonly string[]).includes(row.format)
    ? (row.format as WebhookFormat)
    : 'json';
  return {
    id: row.id,
    url: row.url,
    format,
    secret: row.secret,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

export async function addWebhookEndpoint(
  store: Store,
  actor: string,
  raw: unknown,
): Promise<WebhookEndpoint> {
  const { url, format } = parseEndpoint(raw);
  const row = {
    id: randomBytes(9).toString('base64url'),
    url,
    format,
    secret: randomBytes(24).toString('base64url'),
    created_by: actor.toLowerCase(),
    created_at: store.now(),
  };
  await notifyDb(store).insertInto('webhook_endpoints').values(row).execute();
  await startCursorAtNewest(store);
  await appendAudit(store, {
    actor,
    action: 'webhook.added',
    target: `webhook:${row.id}`,
    details: { url, format },
  });
  return toEndpoint(row);
}

export async function removeWebhookEndpoint(store: Store, actor: string, id: string) {
  const removed = await notifyDb(store)
    .deleteFrom('webhook_endpoints')
    .where('id', '=', id)
    .executeTakeFirst();
  if (removed.numDeletedRows !== 1n) throw new WebhookInputError({ id: `No webhook ${id}.` });
  await appendAudit(store, {
    actor,
    action: 'webhook.removed',
    target: `webhook:${id}`,
    details: {},
  });
}

export async function listWebhookEndpoints(store: Store): Promise<WebhookEndpoint[]> {
  const rows = await notifyDb(store)
    .selectFrom('webhook_endpoints')
    .selectAll()
    .orderBy('created_at')
    .execute();
  return rows.map(toEndpoint);
}
