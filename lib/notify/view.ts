/** What /settings shows of webhooks: each endpoint (never its secret) and how its deliveries stand. */
import { getStore } from '@/lib/store/instance';
import { deliveriesOf, type EndpointDeliveries } from './deliver';
import { listWebhookEndpoints, type WebhookFormat } from './endpoints';

export interface WebhookRow {
  readonly id: string;
  readonly url: string;
  readonly format: WebhookFormat;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly deliveries: EndpointDeliveries;
}

export async function webhookRows(): Promise<WebhookRow[]> {
  const store = await getStore();
  const endpoints = await listWebhookEndpoints(store);
  return Promise.all(
    endpoints.map(async (endpoint) => ({
      id: endpoint.id,
      url: endpoint.url,
      format: endpoint.format,
      createdBy: endpoint.createdBy,
      createdAt: endpoint.createdAt,
      deliveries: await deliveriesOf(store, endpoint.id),
    })),
  );
}
