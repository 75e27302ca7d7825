/** Sends due outbox rows: claim, POST the signed body, then delivered or retried with backoff. */
import type { Store } from '@/lib/store';
import { renderBody } from './bodies';
import { listWebhookEndpoints, type WebhookEndpoint } from './endpoints';
import type { Notification } from './events';
import { signBody } from './sign';
import { notifyDb, type WebhookOutboxTable } from './tables';

/** 30 s, 1, 2, 4 … minutes, at most an hour apart; given up after 8 attempts (about 2 hours). */
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 3_600_000;
export const MAX_ATTEMPTS = 8;
/** A claim outlives the request timeout, so a slow receiver is never sent the same row twice. */
const CLAIM_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 10_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DeliverOptions {
  /** Which instance claims rows (any unique string). */
  readonly owner: string;
  readonly fetch?: typeof fetch;
  readonly limit?: number;
  readonly timeoutMs?: number;
}

export interface DeliveryReport {
  readonly delivered: number;
  readonly failed: number;
}

async function claim(store: Store, id: string, owner: string, now: number): Promise<boolean> {
  const result = await notifyDb(store)
    .updateTable('webhook_outbox')
    .set({ claimed_by: owner, claimed_until: now + CLAIM_MS })
    .where('id', '=', id)
    .where('delivered_at', 'is', null)
    .where('gave_up_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

async function send(
  row: WebhookOutboxTable,
  endpoint: WebhookEndpoint,
  now: number,
  options: DeliverOptions,
): Promise<string | null> {
  const body = renderBody(endpoint.format, JSON.parse(row.payload) as Notification);
  try {
    const response = await (options.fetch ?? fetch)(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tierwise-signature': signBody(endpoint.secret, body, Math.floor(now / 1000)),
        'x-tierwise-event': row.event,
        'x-tierwise-delivery': row.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `The receiver answered HTTP ${response.status}.`;
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error instanceof Error ? error.message : String(error)}${cause}`;
  }
}

async function settle(store: Store, row: WebhookOutboxTable, error: string | null, now: number) {
  const attempts = row.attempts + 1;
  const done = error === null;
  const giveUp = !done && attempts >= MAX_ATTEMPTS;
  await notifyDb(store)
    .updateTable('webhook_outbox')
    .set({
      attempts,
      claimed_until: null,
      last_error: error,
      ...(done && { delivered_at: now }),
      ...(giveUp && { gave_up_at: now }),
      ...(!done && !giveUp && { next_attempt_at: now + retryDelayMs(attempts) }),
    })
    .where('id', '=', row.id)
    .execute();
}

export async function deliverDue(store: Store, options: DeliverOptions): Promise<DeliveryReport> {
  const now = store.now();
  const db = notifyDb(store);
  const due = await db
    .selectFrom('webhook_outbox')
    .selectAll()
    .where('delivered_at', 'is', null)
    .where('gave_up_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(options.limit ?? 50)
    .execute();
  const endpoints = new Map((await listWebhookEndpoints(store)).map((each) => [each.id, each]));
  let delivered = 0;
  let failed = 0;
  for (const row of due) {
    if (!(await claim(store, row.id, options.owner, now))) continue;
    const endpoint = endpoints.get(row.endpoint_id);
    const normalised = { ...row, attempts: Number(row.attempts) };
    const error = endpoint
      ? await send(normalised, endpoint, now, options)
      : 'The webhook was removed.';
    await settle(
      store,
      endpoint ? normalised : { ...normalised, attempts: MAX_ATTEMPTS },
      error,
      now,
    );
    if (error === null) delivered += 1;
    else failed += 1;
  }
  return { delivered, failed };
}

export interface EndpointDeliveries {
  readonly pending: number;
  readonly delivered: number;
  readonly gaveUp: number;
  readonly lastError: string | null;
}

export async function deliveriesOf(store: Store, endpointId: string): Promise<EndpointDeliveries> {
  const rows = await notifyDb(store)
    .selectFrom('webhook_outbox')
    .select(['delivered_at', 'gave_up_at', 'last_error', 'created_at'])
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
  return {
    pending: rows.filter((row) => row.delivered_at === null && row.gave_up_at === null).length,
    delivered: rows.filter((row) => row.delivered_at !== null).length,
    gaveUp: rows.filter((row) => row.gave_up_at !== null).length,
    lastError: rows.find((row) => row.last_error !== null)?.last_error ?? null,
  };
}
