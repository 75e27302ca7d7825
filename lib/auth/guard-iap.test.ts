import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => ({ name: 'tierwise-demo-user', value: 'admin' }) }),
}));

import { createMemoryDirectory } from './directory';
import { AuthError, ForbiddenError } from './errors';
import { actionWithRole, requireRole, withRole } from './guard';
import { setRoleDirectory } from './session';

const AUDIENCE = '/projects/42/apps/acme-prod-123';
let server: Server;
let privateKey: CryptoKey;
const directory = createMemoryDirectory({ 'req@example.com': 'requester' });

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    GOOGLE_CLOUD_PROJECT: 'acme-prod-123',
    TIERWISE_AUTH: 'iap',
    TIERWISE_IAP_AUDIENCE: AUDIENCE,
    TIERWISE_IAP_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwk`,
    TIERWISE_ADMINS: 'Boss@Example.com',
  });
  delete process.env.TIERWISE_EMULATOR_HOST;
  setRoleDirectory(directory);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  request.headers = new Headers();
});

async function signInAs(email: string) {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ email, sub: `accounts.google.com:${email}` })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer('https://cloud.google.com/iap')
    .setAudience(AUDIENCE)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + 600)
    .sign(privateKey);
  request.headers.set('x-goog-iap-jwt-assertion', token);
}

describe('IAP sign-in with roles from the store', () => {
  it('makes the emails in TIERWISE_ADMINS admins on first use', async () => {
    await signInAs('boss@example.com');
    await expect(requireRole('manage-users')).resolves.toMatchObject({
      email: 'boss@example.com',
      role: 'admin',
      mode: 'iap',
    });
    expect(directory.roles.get('boss@example.com')).toBe('admin');
  });

  it('gives a granted user exactly their role', async () => {
    await signInAs('req@example.com');
    await expect(requireRole('propose-change')).resolves.toMatchObject({ role: 'requester' });
    await expect(requireRole('approve-change')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('gives a signed-in user nobody granted no access at all, not even reading', async () => {
    await signInAs('stranger@example.com');
    await expect(requireRole('view-reports')).rejects.toThrow(/has no Tierwise role yet/);
    const route = withRole('view-reports', () => Response.json({ costs: [] }));
    expect((await route(new Request('http://localhost/api/jobs'), {})).status).toBe(403);
  });

  it('refuses with 401 when the assertion is missing, even with the plain email header', async () => {
    request.headers.set('x-goog-authenticated-user-email', 'accounts.google.com:boss@example.com');
    await expect(requireRole('view-reports')).rejects.toBeInstanceOf(AuthError);
    const effects: string[] = [];
    const result = await actionWithRole('manage-users', async () => {
      effects.push('granted');
      return { ok: true, value: undefined };
    });
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(effects).toEqual([]);
    const route = withRole('view-reports', () => Response.json({}));
    const response = await route(new Request('http://localhost/api/jobs'), {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('Sign in') });
  });

  it('ignores the demo cookie in IAP mode', async () => {
    await expect(requireRole('view-reports')).rejects.toBeInstanceOf(AuthError);
  });
});
