/** Webhook delivery against a real local receiver on 127.0.0.1, on SQLite and PostgreSQL. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, type Store } from '@/lib/store';
import { DIALECTS, manualClock } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import { deliverDue, deliveriesOf, FIRST_RETRY_MS } from './deliver';
import { addWebhookEndpoint, WebhookInputError } from './endpoints';
import { enqueueFromAudit } from './outbox';
import { SIGNATURE_HEADER, verifySignature } from './sign';

interface Received {
  readonly path: string;
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
}

/** A receiver that records every request and answers with the next queued status (else 200). */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  let delayMs = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body, headers: request.headers });
      setTimeout(() => {
        response.statusCode = statuses.shift() ?? 200;
        response.end('ok');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    failNext: (...codes: number[]) => statuses.push(...codes),
    slow: (ms: number) => (delayMs = ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let one: Store;
  let two: Store;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const clock = manualClock();
  let secrets: Record<string, string>;

  databaseForTests(dialect, async (database) => {
    one = await database.open(clock.now);
    two = await database.open(clock.now);
    receiver = await startReceiver();
    const json = await addWebhookEndpoint(one, 'ada@example.com', {
      url: receiver.url('/json'),
      format: 'json',
    });
    const slack = await addWebhookEndpoint(one, 'ada@example.com', {
      url: receiver.url('/slack'),
      format: 'slack',
    });
    secrets = { '/json': json.secret, '/slack': slack.secret };
  });
  afterAll(() => receiver.close());
  beforeEach(() => receiver.received.splice(0));

  const propose = (id: string) =>
    appendAudit(one, {
      actor: 'rae@example.com',
      action: 'change.proposed',
      target: `change:${id}`,
      details: { job: 'reel-stitching-job', tier: 'small' },
    });

  it('signs each body, retries after the receiver fails and never sends twice', async () => {
    await propose('c1');
    const [a, b] = await Promise.all([enqueueFromAudit(one), enqueueFromAudit(two)]);
    expect(a + b).toBe(2); // one row per endpoint, whichever instance stored it
    receiver.failNext(500);
    const first = await deliverDue(one, { owner: 'one' });
    expect(first).toEqual({ delivered: 1, failed: 1 });
    for (const request of receiver.received) {
      const header = String(request.headers[SIGNATURE_HEADER]);
      const secret = secrets[request.path] ?? '';
      expect(
        verifySignature(secret, request.body, header, { nowSeconds: clock.now() / 1000 }),
      ).toBe(true);
      expect(
        verifySignature('wrong', request.body, header, { nowSeconds: clock.now() / 1000 }),
      ).toBe(false);
      expect(
        verifySignature(secret, `${request.body} `, header, { nowSeconds: clock.now() / 1000 }),
      ).toBe(false);
    }
    const slack = receiver.received.find((request) => request.path === '/slack');
    expect(JSON.parse(slack?.body ?? '{}')).toEqual({
      text: expect.stringMatching(
        /^\*Change proposed, awaiting approval\* — change c1\njob reel-stitching-job · tier small/,
      ),
    });
    // Not due again until the backoff has passed.
    expect(await deliverDue(two, { owner: 'two' })).toEqual({ delivered: 0, failed: 0 });
    clock.advance(FIRST_RETRY_MS);
    expect(await deliverDue(two, { owner: 'two' })).toEqual({ delivered: 1, failed: 0 });
    const json = receiver.received.filter((request) => request.path === '/json');
    expect(json).toHaveLength(2); // the failed attempt and its retry, same delivery id
    expect(json[0]?.headers['x-tierwise-delivery']).toBe(json[1]?.headers['x-tierwise-delivery']);
    expect(JSON.parse(json[1]?.body ?? '{}')).toMatchObject({
      event: 'change.awaiting-approval',
      change: 'c1',
      details: { job: 'reel-stitching-job' },
    });
    // Scanning again finds nothing new; delivering again sends nothing.
    expect(await enqueueFromAudit(two)).toBe(0);
    expect(await deliverDue(one, { owner: 'one' })).toEqual({ delivered: 0, failed: 0 });
  });

  it('sends each delivery once when two instances deliver at the same time', async () => {
    for (let i = 0; i < 10; i += 1) await propose(`race-${i}`);
    await Promise.all([enqueueFromAudit(one), enqueueFromAudit(two)]);
    receiver.slow(20);
    const reports = await Promise.all([
      deliverDue(one, { owner: 'one' }),
      deliverDue(two, { owner: 'two' }),
    ]);
    receiver.slow(0);
    expect(reports[0].delivered + reports[1].delivered).toBe(20);
    const ids = receiver.received.map((request) => String(request.headers['x-tierwise-delivery']));
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('keeps what a receiver that is down missed, and records why', async () => {
    const down = await addWebhookEndpoint(one, 'ada@example.com', {
      url: 'http://127.0.0.1:9/down',
      format: 'json',
    });
    await propose('c-down');
    await enqueueFromAudit(one);
    const report = await deliverDue(one, { owner: 'one', timeoutMs: 2_000 });
    expect(report.failed).toBe(1);
    expect(await deliveriesOf(one, down.id)).toMatchObject({
      pending: 1,
      delivered: 0,
      lastError: expect.stringMatching(/fetch failed|ECONNREFUSED/),
    });
  });

  it.each([['ftp://example.com/hook'], ['not a url'], ['']])(
    'refuses the URL %j with a field error',
    async (url) => {
      await expect(
        addWebhookEndpoint(one, 'ada@example.com', { url, format: 'json' }),
      ).rejects.toThrow(WebhookInputError);
      await expect(
        addWebhookEndpoint(one, 'ada@example.com', { url, format: 'json' }),
      ).rejects.toMatchObject({ errors: { url: expect.stringMatching(/http/) } });
    },
  );
});
