/**
 * Each app instance reads the audit log into the outbox and delivers what is due every 15 s.
 * Instances share the work through the store: rows are stored once and sent once.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { getStore } from '@/lib/store/instance';
import { deliverDue } from './deliver';
import { enqueueFromAudit } from './outbox';

export const NOTIFY_INTERVAL_MS = 15_000;

async function notifyOnce(owner: string): Promise<void> {
  try {
    const store = await getStore();
    await enqueueFromAudit(store);
    await deliverDue(store, { owner });
  } catch (error) {
    console.error('webhook delivery round failed:', error);
  }
}

export function startNotifier(): void {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let running = false;
  setInterval(() => {
    if (running) return;
    running = true;
    void notifyOnce(owner).finally(() => (running = false));
  }, NOTIFY_INTERVAL_MS).unref();
}
