import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessProxy } from './access-proxy';
import { createIapVerifier } from './iap';
import { createRateLimiter } from './rate-limit';
import { startLocalJwks } from '@/test/support/local-jwks';

const AUDIENCE = '/projects/42/global/backendServices/7';
let jwks: Awaited<ReturnType<typeof startLocalJwks>>;

beforeAll(async () => {
  jwks = await startLocalJwks(AUDIENCE);
});
afterAll(() => jwks.stop());

function iapProxy(capacity = 100, isPublicLink?: (url: URL) => boolean) {
  const verify = createIapVerifier({ audience: AUDIENCE, jwksUrl: jwks.jwksUrl, log: () => {} });
  return createAccessProxy({
    settings: { TIERWISE_AUTH: 'iap', TIERWISE_EMULATOR_HOST: undefined },
    verifyIap: () => verify,
    limiter: createRateLimiter({ capacity, refillPerSecond: 0.001 }),
    development: false,
    isPublicLink,
  });
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new NextRequest(`http://localhost:3000${path}`, { method, headers });
}

/** The request headers the proxy hands on to pages and route handlers. */
function forwardedHeader(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

describe('access proxy in IAP mode', () => {
  it('refuses a page with 401 before it renders when the assertion is missing', async () => {
    const response = await iapProxy()(get('/jobs/reel'));
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/Identity-Aware Proxy/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('answers API callers without an assertion with JSON 401', async () => {
    const response = await iapProxy()(get('/api/jobs'));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/Sign in/) });
  });

  it('lets the health check through without an assertion', async () => {
    const response = await iapProxy()(get('/api/health'));
    expect(response.status).toBe(200);
    expect(forwardedHeader(response, 'x-tierwise-user-email')).toBeNull();
  });

  it('lets a signed public report link through without an assertion, and nothing else', async () => {
    const proxy = iapProxy(
      100,
      (url) => url.pathname === '/r/abc' && url.searchParams.get('sig') === 'good',
    );
    const response = await proxy(get('/r/abc?sig=good'));
    expect(response.status).toBe(200);
    expect(forwardedHeader(response, 'x-tierwise-user-email')).toBeNull();
    expect((await proxy(get('/r/abc?sig=bad'))).status).toBe(401);
    expect((await proxy(get('/r/abc?sig=good', {}, 'POST'))).status).toBe(401);
    expect((await proxy(get('/api/reports?sig=good'))).status).toBe(401);
  });

  it('does not trust the plain IAP email header on its own', async () => {
    const response = await iapProxy()(
      get('/', { 'x-goog-authenticated-user-email': 'accounts.google.com:boss@example.com' }),
    );
    expect(response.status).toBe(401);
  });

  it('forwards the verified email and replaces any copy the client sent', async () => {
    const token = await jwks.sign('ana@example.com');
    const response = await iapProxy()(
      get('/', { 'x-goog-iap-jwt-assertion': token, 'x-tierwise-user-email': 'boss@example.com' }),
    );
    expect(response.status).toBe(200);
    expect(forwardedHeader(response, 'x-tierwise-user-email')).toBe('ana@example.com');
  });

  it('refuses an expired assertion', async () => {
    const token = await jwks.sign('ana@example.com', -600);
    expect((await iapProxy()(get('/', { 'x-goog-iap-jwt-assertion': token }))).status).toBe(401);
  });

  it('rate-limits mutations per user and leaves reads alone', async () => {
    const proxy = iapProxy(2);
    const ana = { 'x-goog-iap-jwt-assertion': await jwks.sign('ana@example.com') };
    const bo = { 'x-goog-iap-jwt-assertion': await jwks.sign('bo@example.com') };
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await proxy(get('/changes', ana, 'POST'))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await proxy(get('/changes', ana, 'POST'));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await proxy(get('/changes', bo, 'POST'))).status).toBe(200);
    expect((await proxy(get('/changes', ana))).status).toBe(200);
  });

  it('refuses a server action posted from another origin, null or another port with 403', async () => {
    const ana = { 'x-goog-iap-jwt-assertion': await jwks.sign('ana@example.com') };
    const action = { ...ana, 'next-action': '7f00', 'content-type': 'text/plain;charset=UTF-8' };
    const proxy = iapProxy();
    for (const origin of ['http://evil.example', 'null', 'http://localhost:3001']) {
      const response = await proxy(get('/changes', { ...action, origin }, 'POST'));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/Cross-origin/) });
    }
    const crossSite = await proxy(
      get('/changes', { ...action, 'sec-fetch-site': 'cross-site' }, 'POST'),
    );
    expect(crossSite.status).toBe(403);
    const own = (body: string) =>
      new NextRequest('http://localhost:3000/changes', {
        method: 'POST',
        headers: { ...action, origin: 'http://localhost:3000' },
        body,
      });
    expect((await proxy(own('["abc"]'))).status).toBe(200);
    const unreadable = await proxy(own('{"0":'));
    expect(unreadable.status).toBe(400);
    expect(await unreadable.json()).toEqual({ error: expect.stringMatching(/not valid JSON/) });
  });

  it('refuses a mutation body over 1 MiB with 413', async () => {
    const ana = { 'x-goog-iap-jwt-assertion': await jwks.sign('ana@example.com') };
    const response = await iapProxy()(
      get('/api/x', { ...ana, 'content-length': String(2 * 1024 * 1024) }, 'POST'),
    );
    expect(response.status).toBe(413);
  });
});

describe('content security policy', () => {
  it('gives every response a fresh nonce and passes it to the renderer', async () => {
    const proxy = createAccessProxy({
      settings: { TIERWISE_AUTH: 'demo', TIERWISE_EMULATOR_HOST: '127.0.0.1:1' },
      verifyIap: () => {
        throw new Error('demo mode must not verify IAP');
      },
      limiter: createRateLimiter({ capacity: 10, refillPerSecond: 1 }),
      development: false,
    });
    const first = await proxy(get('/'));
    const second = await proxy(get('/'));
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(forwardedHeader(first, 'content-security-policy')).toBe(csp);
    expect(forwardedHeader(first, 'x-nonce')).toBe(nonce);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(forwardedHeader(first, 'x-tierwise-user-email')).toBe('viewer@demo.tierwise');
  });
});

describe('the pre-stream page check', () => {
  const checks: string[] = [];
  const proxy = createAccessProxy({
    settings: { TIERWISE_AUTH: 'demo', TIERWISE_EMULATOR_HOST: '127.0.0.1:9' },
    verifyIap: () => {
      throw new Error('not in demo mode');
    },
    limiter: createRateLimiter({ capacity: 100, refillPerSecond: 1 }),
    development: false,
    pageCheck: async (pathname) => {
      checks.push(pathname);
      if (pathname === '/jobs/down')
        return { kind: 'unavailable', problem: 'Google Cloud did not answer' };
      if (pathname === '/jobs/gone') return { kind: 'missing', job: 'gone' };
      return pathname === '/jobs/reel' ? { kind: 'present', job: 'reel' } : undefined;
    },
  });

  it('answers 503 with plain words and Retry-After when Google fails before the page streams', async () => {
    const response = await proxy(get('/jobs/down'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.text()).toBe('Cloud Run could not be read: Google Cloud did not answer.');
  });

  it('hands the page what Cloud Run said, and never a copy the client sent', async () => {
    const forged = { 'x-tierwise-job-check': 'present:gone' };
    expect(forwardedHeader(await proxy(get('/jobs/gone', forged)), 'x-tierwise-job-check')).toBe(
      'missing:gone',
    );
    expect(forwardedHeader(await proxy(get('/jobs/reel')), 'x-tierwise-job-check')).toBe(
      'present:reel',
    );
    const elsewhere = await proxy(get('/audit', forged));
    expect(elsewhere.status).toBe(200);
    expect(forwardedHeader(elsewhere, 'x-tierwise-job-check')).toBeNull();
  });

  it('skips prefetches, API calls and posts', async () => {
    checks.length = 0;
    await proxy(get('/jobs/down', { 'next-router-prefetch': '1' }));
    await proxy(get('/api/changes'));
    await proxy(get('/jobs/down', { 'next-action': 'x' }, 'POST'));
    expect(checks).toEqual([]);
  });
});
