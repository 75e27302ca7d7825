import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { createIapVerifier, IAP_ISSUER, type IapVerifier } from './iap';

const AUDIENCE = '/projects/123456/global/backendServices/987654';
const NOW_SECONDS = Math.floor(Date.now() / 1000);

let server: Server;
let jwksUrl: string;
let publishedKeys: JWK[] = [];
let jwksFetches = 0;
let privateKey: CryptoKey;
let publicJwk: JWK;
let logLines: string[] = [];
let verify: IapVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
  publishedKeys = [publicJwk];
  server = createServer((_req, res) => {
    jwksFetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: publishedKeys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwk`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  logLines = [];
  publishedKeys = [publicJwk];
  verify = createIapVerifier({ audience: AUDIENCE, jwksUrl, log: (line) => logLines.push(line) });
});

function claims(overrides: Record<string, unknown> = {}) {
  return {
    iss: IAP_ISSUER,
    aud: AUDIENCE,
    sub: 'accounts.google.com:1234',
    email: 'Ana@Example.com',
    iat: NOW_SECONDS - 10,
    exp: NOW_SECONDS + 600,
    ...overrides,
  };
}

function sign(payload = claims(), header: Record<string, unknown> = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: 'key-1', ...header })
    .sign(privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function expectRejected(token: string | null) {
  await expect(verify(token)).rejects.toBeInstanceOf(AuthError);
  expect(logLines).toHaveLength(1);
  if (token) expect(logLines[0]).not.toContain(token.split('.')[2] || token);
}

describe('IAP assertion verification', () => {
  it('accepts a token signed by a published key and returns the lower-cased email', async () => {
    await expect(verify(await sign())).resolves.toEqual({
      email: 'ana@example.com',
      subject: 'accounts.google.com:1234',
    });
    expect(logLines).toEqual([]);
  });

  it('accepts a token that expired within the 30 s clock skew', async () => {
    await expect(verify(await sign(claims({ exp: NOW_SECONDS - 20 })))).resolves.toMatchObject({
      email: 'ana@example.com',
    });
  });

  it('caches the key set instead of fetching it per request', async () => {
    const before = jwksFetches;
    for (let i = 0; i < 5; i += 1) await verify(await sign());
    expect(jwksFetches - before).toBe(1);
  });

  it('refetches the key set when a token names a key it has not seen (rotation)', async () => {
    verify = createIapVerifier({ audience: AUDIENCE, jwksUrl, keyRefetchCooldownMs: 0 });
    await verify(await sign());
    const rotated = await generateKeyPair('ES256', { extractable: true });
    publishedKeys = [
      publicJwk,
      { ...(await exportJWK(rotated.publicKey)), kid: 'key-2', alg: 'ES256' },
    ];
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'ES256', kid: 'key-2' })
      .sign(rotated.privateKey);
    await expect(verify(token)).resolves.toMatchObject({ email: 'ana@example.com' });
  });

  it('does not refetch the key set for every unknown kid within the cooldown', async () => {
    await verify(await sign());
    const before = jwksFetches;
    for (let i = 0; i < 5; i += 1) {
      await expect(verify(await sign(claims(), { kid: `bogus-${i}` }))).rejects.toBeInstanceOf(
        AuthError,
      );
    }
    expect(jwksFetches - before).toBeLessThanOrEqual(1);
  });

  it.each([
    ['missing header', async () => null],
    ['empty header', async () => ''],
    ['garbage', async () => 'not-a-jwt'],
    ['expired beyond the skew', async () => sign(claims({ exp: NOW_SECONDS - 120 }))],
    ['not yet valid (nbf)', async () => sign(claims({ nbf: NOW_SECONDS + 300 }))],
    ['issued in the future', async () => sign(claims({ iat: NOW_SECONDS + 300 }))],
    ['wrong audience', async () => sign(claims({ aud: '/projects/1/global/backendServices/2' }))],
    ['wrong issuer', async () => sign(claims({ iss: 'https://accounts.google.com' }))],
    ['no email claim', async () => sign(claims({ email: undefined }))],
    ['no expiry', async () => sign(claims({ exp: undefined }))],
    ['unknown kid', async () => sign(claims(), { kid: 'key-404' })],
  ])('rejects %s', async (_name, makeToken) => {
    await expectRejected(await makeToken());
  });

  it('rejects a token signed by a different P-256 key under a published kid (forged)', async () => {
    const attacker = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
      .sign(attacker.privateKey);
    await expectRejected(forged);
  });

  it('rejects alg "none"', async () => {
    const unsigned = `${b64({ alg: 'none', kid: 'key-1' })}.${b64(claims())}.`;
    await expectRejected(unsigned);
  });

  it('rejects HS256 signed with the public key as the secret', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const confused = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .sign(secret);
    await expectRejected(confused);
  });

  it('rejects a valid token whose payload was altered after signing', async () => {
    const [header, , signature] = (await sign()).split('.');
    const tampered = `${header}.${b64(claims({ email: 'admin@example.com' }))}.${signature}`;
    await expectRejected(tampered);
  });

  it('never writes the token into the log line', async () => {
    const expired = await sign(claims({ exp: NOW_SECONDS - 3600 }));
    await expect(verify(expired)).rejects.toBeInstanceOf(AuthError);
    expect(logLines.join('\n')).not.toContain(expired);
    expect(logLines.join('\n')).not.toContain(expired.split('.')[1]);
    expect(logLines[0]).toMatch(/ERR_JWT_EXPIRED/);
  });
});
