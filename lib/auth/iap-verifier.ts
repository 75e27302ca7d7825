import type { Env } from '@/lib/env';
import { createIapVerifier, type IapVerifier } from './iap';

let verifier: { key: string; verify: IapVerifier } | undefined;

/** One verifier per process (proxy and server code alike), so the JWK set is fetched once. */
export function iapVerifierFor(
  settings: Pick<Env, 'TIERWISE_IAP_AUDIENCE' | 'TIERWISE_IAP_JWKS_URL'>,
): IapVerifier {
  const audience = settings.TIERWISE_IAP_AUDIENCE ?? '';
  const key = `${audience} ${settings.TIERWISE_IAP_JWKS_URL}`;
  if (verifier?.key !== key) {
    verifier = {
      key,
      verify: createIapVerifier({ audience, jwksUrl: settings.TIERWISE_IAP_JWKS_URL }),
    };
  }
  return verifier.verify;
}
