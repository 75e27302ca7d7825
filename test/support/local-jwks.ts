import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { IAP_ISSUER } from '@/lib/auth/iap';

/** A P-256 key pair published as a JWK set on 127.0.0.1, and a signer for IAP-shaped tokens. */
export async function startLocalJwks(audience: string) {
  const pair = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'local-1', alg: 'ES256' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: `http://127.0.0.1:${port}/jwk`,
    sign(email: string, lifetimeSeconds = 600): Promise<string> {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return new SignJWT({ email, sub: `accounts.google.com:${email}` })
        .setProtectedHeader({ alg: 'ES256', kid: 'local-1' })
        .setIssuer(IAP_ISSUER)
        .setAudience(audience)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + lifetimeSeconds)
        .sign(pair.privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
